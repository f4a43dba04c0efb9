"""API keys (Memory API): create, list and revoke the tenant's keys."""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence

from ..types import ApiKey
from ._base import Resource


class ApiKeys(Resource):
    """``/api/v1/api-keys``: tenant keys (``hb_prod_…``, ``hb_dev_…``) and their scopes."""

    def create(
        self,
        name: str,
        environment: Optional[str] = None,
        scopes: Optional[Sequence[str]] = None,
        expires_at: Optional[float] = None,
        *,
        timeout: Optional[float] = None,
    ) -> ApiKey:
        """Make a key. Its ``plainKey`` is in this answer only: store it at once.

        ``environment`` is ``production`` (default) or ``development``; without ``scopes`` the key
        gets every scope of the key creating it; ``expires_at`` is a Unix timestamp in seconds.
        """
        body = {
            "name": name,
            "tenantId": self._tenant_id,
            "environment": environment,
            "scopes": None if scopes is None else list(scopes),
            "expiresAt": expires_at,
        }
        return self._transport.request("POST", "/api/v1/api-keys", body=body, timeout=timeout)

    def list(self, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """The tenant's keys, without their secrets: ``{keys: [...]}``."""
        return self._transport.request("GET", "/api/v1/api-keys", query=self._tenant_query(), timeout=timeout)

    def revoke(self, key_id: str, *, timeout: Optional[float] = None) -> ApiKey:
        """Revoke a key; every gateway replica refuses it within a second. Answers the key."""
        body = {"keyId": key_id, "tenantId": self._tenant_id}
        return self._transport.request("POST", "/api/v1/api-keys/revoke", body=body, timeout=timeout)
