"""The client: configuration, and one attribute per resource group."""

from __future__ import annotations

import os
from typing import Optional

from ._transport import Transport
from .resources.agents import Agents
from .resources.api_keys import ApiKeys
from .resources.heartbeats import Bots, Heartbeats
from .resources.intelligence import Intelligence
from .resources.memories import Memories
from .resources.tenants import Tenants
from .resources.usage import Usage
from .resources.webhooks import Webhooks

DEFAULT_BASE_URL = "http://127.0.0.1:3000"


class HeroBrain:
    """A client of one platform gateway, acting with one key for one tenant.

    ``api_key``, ``tenant_id`` and ``base_url`` default to the ``HEROBRAIN_API_KEY``,
    ``HEROBRAIN_TENANT_ID`` and ``HEROBRAIN_BASE_URL`` environment variables. ``tenant_id`` is
    sent as ``tenantId`` on the Memory API and agent routes and as ``project_id`` on the Heartbeat
    API. A tenant key implies its tenant, so it may be left out except for ``usage.metrics()``
    and the Heartbeat API; the admin key needs it for every call on a tenant's data. ``timeout`` is each request's
    deadline in seconds (every method also takes ``timeout=``); ``max_retries`` bounds the
    retries of rate-limited and, where safe, failed requests.

    >>> hb = HeroBrain(api_key="hb_prod_...", tenant_id="user_12345")
    >>> memory = hb.memories.create(content="Met with Sarah about Q4 goals", type="episodic", importance=0.8)
    >>> results = hb.memories.search(query="Q4 planning", limit=10)
    """

    memories: Memories
    api_keys: ApiKeys
    webhooks: Webhooks
    intelligence: Intelligence
    usage: Usage
    agents: Agents
    bots: Bots
    heartbeats: Heartbeats
    tenants: Tenants

    def __init__(
        self,
        api_key: Optional[str] = None,
        tenant_id: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: float = 60.0,
        max_retries: int = 2,
    ) -> None:
        api_key = api_key or os.environ.get("HEROBRAIN_API_KEY")
        if not api_key:
            raise ValueError("an API key is needed: pass api_key= or set HEROBRAIN_API_KEY")
        self.tenant_id = tenant_id or os.environ.get("HEROBRAIN_TENANT_ID") or None
        self.base_url = (base_url or os.environ.get("HEROBRAIN_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
        transport = Transport(api_key, self.base_url, timeout=timeout, max_retries=max_retries)
        self.memories = Memories(transport, self.tenant_id)
        self.api_keys = ApiKeys(transport, self.tenant_id)
        self.webhooks = Webhooks(transport, self.tenant_id)
        self.intelligence = Intelligence(transport, self.tenant_id)
        self.usage = Usage(transport, self.tenant_id)
        self.agents = Agents(transport, self.tenant_id)
        self.bots = Bots(transport, self.tenant_id)
        self.heartbeats = Heartbeats(transport, self.tenant_id)
        self.tenants = Tenants(transport, self.tenant_id)

    def __repr__(self) -> str:
        return f"HeroBrain(base_url={self.base_url!r}, tenant_id={self.tenant_id!r})"
