"""Python client of the HeroBrain platform: memories, agents, heartbeats and webhooks.

>>> from herobrain import HeroBrain
>>> hb = HeroBrain(api_key="hb_prod_...", tenant_id="user_12345")
>>> hb.memories.create(content="Met with Sarah about Q4 goals", type="episodic", importance=0.8)
"""

from ._client import HeroBrain
from ._errors import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    PayloadTooLargeError,
    HeroBrainError,
    NotFoundError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    ServerError,
    ValidationError,
    WebhookVerificationError,
)
from ._version import __version__
from ._webhooks import verify_webhook

__all__ = [
    "HeroBrain",
    "verify_webhook",
    "HeroBrainError",
    "BadRequestError",
    "ValidationError",
    "AuthenticationError",
    "QuotaExceededError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "PayloadTooLargeError",
    "RateLimitError",
    "ServerError",
    "APIConnectionError",
    "APITimeoutError",
    "WebhookVerificationError",
    "__version__",
]
