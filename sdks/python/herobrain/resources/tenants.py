"""Tenants (management, admin key only): the projects of a self-hosted platform."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

from ..types import Tenant
from ._base import Resource, q


class Tenants(Resource):
    """``/api/v1/admin/tenants``: needs the platform's admin key (``HB_ADMIN_KEY``)."""

    def create(
        self,
        name: str,
        id: Optional[str] = None,
        plan: Optional[str] = None,
        limits: Optional[Mapping[str, Any]] = None,
        *,
        timeout: Optional[float] = None,
    ) -> Tenant:
        """Create a tenant; ``id`` is generated (a UUID) when not given.

        ``plan`` is ``free``, ``pro`` or ``enterprise``; ``limits`` overrides the plan's
        (``requestsPerMonth``, ``memories``, ``storageBytes``, ``heartbeatsAllowed``, …).
        """
        body = {"id": id, "name": name, "plan": plan, "limits": limits}
        return self._transport.request("POST", "/api/v1/admin/tenants", body=body, timeout=timeout)

    def list(self, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """Every tenant: ``{tenants: [...]}``."""
        return self._transport.request("GET", "/api/v1/admin/tenants", timeout=timeout)

    def get(self, id: str, *, timeout: Optional[float] = None) -> Tenant:
        """One tenant with its plan and effective limits."""
        return self._transport.request("GET", f"/api/v1/admin/tenants/{q(id)}", timeout=timeout)

    def update(self, id: str, *, timeout: Optional[float] = None, **changes: Any) -> Tenant:
        """Change ``name``, ``plan`` or ``limits`` (merged into the current overrides)."""
        return self._transport.request(
            "PATCH", f"/api/v1/admin/tenants/{q(id)}", body={}, explicit=changes, timeout=timeout
        )
