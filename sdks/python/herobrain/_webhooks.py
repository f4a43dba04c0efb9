"""Verifying webhook deliveries (Standard Webhooks signatures)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from typing import Any, Mapping, Optional, Union

from ._errors import WebhookVerificationError

_SECRET_PREFIX = "whsec_"


def _secret_bytes(secret: Union[str, bytes]) -> bytes:
    """A ``whsec_`` secret is base64 after its prefix; any other is used as its UTF-8 bytes."""
    if isinstance(secret, bytes):
        return secret
    if secret.startswith(_SECRET_PREFIX):
        encoded = secret[len(_SECRET_PREFIX) :]
        try:
            # Padding may be left off, as the platform's signer accepts it so.
            return base64.b64decode(encoded + "=" * (-len(encoded) % 4))
        except binascii.Error as error:
            raise WebhookVerificationError("the whsec_ secret is not valid base64") from error
    return secret.encode("utf-8")


def verify_webhook(
    payload: Union[str, bytes],
    headers: Mapping[str, str],
    secret: Union[str, bytes],
    tolerance_seconds: float = 300,
    *,
    now: Optional[float] = None,
) -> Any:
    """Check a delivery's ``webhook-signature`` and return its parsed JSON payload.

    ``payload`` is the raw request body, exactly as received; ``headers`` its headers (any
    mapping, names compared case-insensitively); ``secret`` the webhook's secret. The signature is
    ``v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">``; during a secret
    rotation the header carries several, space-separated, and any may match. A timestamp more than
    ``tolerance_seconds`` from ``now`` (default: the current time) is refused, so a captured
    delivery cannot be replayed later.

    Raises ``WebhookVerificationError`` when a header is missing, the timestamp is out of
    tolerance, no signature matches or the payload is not JSON.
    """
    lowered = {name.lower(): value for name, value in headers.items()}
    message_id = lowered.get("webhook-id")
    timestamp = lowered.get("webhook-timestamp")
    signatures = lowered.get("webhook-signature")
    if not message_id or not timestamp or not signatures:
        raise WebhookVerificationError("missing webhook-id, webhook-timestamp or webhook-signature header")
    try:
        sent_at = int(timestamp)
    except ValueError as error:
        raise WebhookVerificationError("webhook-timestamp is not a Unix timestamp") from error
    current = time.time() if now is None else now
    if abs(current - sent_at) > tolerance_seconds:
        raise WebhookVerificationError("webhook-timestamp is outside the tolerance")

    body = payload.encode("utf-8") if isinstance(payload, str) else bytes(payload)
    signed = f"{message_id}.{timestamp}.".encode("utf-8") + body
    digest = hmac.new(_secret_bytes(secret), signed, hashlib.sha256).digest()
    expected = base64.b64encode(digest)
    matched = False
    for entry in signatures.split():
        version, _, signature = entry.partition(",")
        # Every entry is compared, so the time taken does not tell which one matched.
        if version == "v1" and hmac.compare_digest(signature.encode("utf-8"), expected):
            matched = True
    if not matched:
        raise WebhookVerificationError("no webhook-signature matches the payload")
    try:
        return json.loads(body.decode("utf-8"))
    except ValueError as error:
        raise WebhookVerificationError("the payload is not JSON") from error
