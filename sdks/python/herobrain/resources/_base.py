"""What every resource group shares: the transport, the tenant and id encoding."""

from __future__ import annotations

import urllib.parse
import uuid
from typing import Dict, Optional

from .._transport import Transport

# Calls that wait for an agent run (model calls and tools) get at least this long: a little more
# than the gateway holds them (300 s for an invoke, 310 s for a trigger), so its answer comes first.
RUN_TIMEOUT = 310.0
TRIGGER_TIMEOUT = 320.0


def new_idempotency_key() -> str:
    """A key for a create the client may retry: random, so two creates are never taken for one."""
    return f"sdk_{uuid.uuid4()}"


def q(value: str) -> str:
    """An id percent-encoded as one path segment."""
    return urllib.parse.quote(str(value), safe="")


class Resource:
    """A group of API calls sharing the client's transport and tenant."""

    def __init__(self, transport: Transport, tenant_id: Optional[str]) -> None:
        self._transport = transport
        self._tenant_id = tenant_id

    def _tenant_query(self) -> Dict[str, Optional[str]]:
        """The Memory API's ``tenantId`` query parameter (left out when the client has no tenant)."""
        return {"tenantId": self._tenant_id}

    def _run_timeout(self, timeout: Optional[float], at_least: float = RUN_TIMEOUT) -> float:
        """The deadline of a call that waits for a run: ``timeout``, else at least ``at_least``."""
        return max(self._transport.timeout, at_least) if timeout is None else timeout

    def _require_tenant(self) -> str:
        if not self._tenant_id:
            raise ValueError("this call needs the tenant: pass tenant_id= to HeroBrain or set HEROBRAIN_TENANT_ID")
        return self._tenant_id
