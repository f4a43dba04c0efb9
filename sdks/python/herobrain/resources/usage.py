"""Usage (Memory API): the tenant's consumption against its plan."""

from __future__ import annotations

from typing import Any, Dict, Optional

from ._base import Resource, q


class Usage(Resource):
    """``/api/v1/usage``: API calls, memories and storage."""

    def metrics(self, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """``{apiCalls: {today, thisMonth, limit}, memories: {count, limit}, storage: {used, limit}}``.

        Needs the client's ``tenant_id``; a ``limit`` of ``None`` means unlimited.
        """
        tenant_id = self._require_tenant()
        return self._transport.request("GET", f"/api/v1/usage/metrics/{q(tenant_id)}", timeout=timeout)
