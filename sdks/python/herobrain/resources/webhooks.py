"""Webhooks (Memory API): endpoints, test sends, deliveries and redelivery."""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence

from ..types import Webhook, WebhookAttempt
from ._base import Resource, q


class Webhooks(Resource):
    """``/api/v1/webhooks``: signed (Standard Webhooks), retried event deliveries."""

    def create(
        self,
        name: str,
        url: str,
        events: Sequence[str],
        secret: str,
        status: Optional[str] = None,
        *,
        timeout: Optional[float] = None,
    ) -> Webhook:
        """Register an https endpoint for ``events`` (``memory.created``, ``agent.run.completed``, …).

        Deliveries are signed with ``secret`` (a ``whsec_`` secret is used base64-decoded); check
        them with :func:`herobrain.verify_webhook`.
        """
        body = {
            "name": name,
            "url": url,
            "events": list(events),
            "secret": secret,
            "status": status,
            "tenantId": self._tenant_id,
        }
        return self._transport.request("POST", "/api/v1/webhooks", body=body, timeout=timeout)

    def list(self, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """The tenant's webhooks, without their secrets: ``{webhooks: [...]}``."""
        return self._transport.request("GET", "/api/v1/webhooks", query=self._tenant_query(), timeout=timeout)

    def get(self, id: str, *, timeout: Optional[float] = None) -> Webhook:
        """One webhook."""
        return self._transport.request("GET", f"/api/v1/webhooks/{q(id)}", query=self._tenant_query(), timeout=timeout)

    def update(self, id: str, *, timeout: Optional[float] = None, **changes: Any) -> Webhook:
        """Change ``name``, ``url``, ``events``, ``status`` or ``secret``.

        ``status="active"`` re-enables a disabled webhook; a new secret rotates it, both signing
        for 24 hours.
        """
        body = dict(changes, tenantId=self._tenant_id)
        return self._transport.request("PATCH", f"/api/v1/webhooks/{q(id)}", body=body, timeout=timeout)

    def delete(self, id: str, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """Delete a webhook and its deliveries."""
        return self._transport.request(
            "DELETE", f"/api/v1/webhooks/{q(id)}", query=self._tenant_query(), timeout=timeout
        )

    def test(self, id: str, *, timeout: Optional[float] = None) -> WebhookAttempt:
        """Send a test payload now; answers the attempt: ``delivered``, ``statusCode``, ``latencyMs``, ``error``."""
        return self._transport.request(
            "POST", f"/api/v1/webhooks/{q(id)}/test", query=self._tenant_query(), timeout=timeout
        )

    def deliveries(
        self, id: str, page: Optional[int] = None, limit: Optional[int] = None, *, timeout: Optional[float] = None
    ) -> Dict[str, Any]:
        """The webhook's deliveries, newest first, each with its attempts: ``{data, total}``."""
        query = dict(self._tenant_query(), page=page, limit=limit)
        return self._transport.request("GET", f"/api/v1/webhooks/{q(id)}/deliveries", query=query, timeout=timeout)

    def resend(self, id: str, delivery_id: str, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """Send one delivery again from the start of the retry schedule, under the same webhook-id."""
        return self._transport.request(
            "POST",
            f"/api/v1/webhooks/{q(id)}/deliveries/{q(delivery_id)}/resend",
            query=self._tenant_query(),
            timeout=timeout,
        )

    def recover(self, id: str, since: str, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """Send again every delivery that failed since ``since`` (an ISO 8601 time)."""
        body = {"since": since, "tenantId": self._tenant_id}
        return self._transport.request("POST", f"/api/v1/webhooks/{q(id)}/recover", body=body, timeout=timeout)
