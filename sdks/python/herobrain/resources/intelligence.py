"""Intelligence (Memory API): decision chains and implicit patterns over the tenant's memories."""

from __future__ import annotations

from typing import Any, Dict, Optional

from ..types import TimeRange
from ._base import Resource


class Intelligence(Resource):
    """``/api/v1/intelligence``: reasoning across memories."""

    def decision_chain(
        self, topic: str, time_range: Optional[TimeRange] = None, *, timeout: Optional[float] = None
    ) -> Dict[str, Any]:
        """The memories bearing on ``topic`` in time order, each linked to what led to it.

        ``time_range`` is ``{"from": iso, "to": iso}``. Answers ``{topic, steps, decisions,
        timeRange, narrative}``; ``narrative`` is filled in when the platform has a model.
        """
        body = {"topic": topic, "timeRange": time_range, "tenantId": self._tenant_id}
        return self._transport.request("POST", "/api/v1/intelligence/decision-chain", body=body, timeout=timeout)

    def implicit_patterns(
        self, min_occurrences: Optional[int] = None, *, timeout: Optional[float] = None
    ) -> Dict[str, Any]:
        """Recurring themes, tag combinations and times, none seen fewer than ``min_occurrences`` times (default 3)."""
        body = {"minOccurrences": min_occurrences, "tenantId": self._tenant_id}
        return self._transport.request("POST", "/api/v1/intelligence/implicit-patterns", body=body, timeout=timeout)
