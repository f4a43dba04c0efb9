"""The exceptions the client raises, and how an error response becomes one."""

from __future__ import annotations

import email.utils
import http
import time
from typing import Any, Dict, List, Mapping, Optional, Type


class HeroBrainError(Exception):
    """Base of every error the client raises.

    For an HTTP error, ``status`` is the status code and ``code``, ``message`` and ``field`` come
    from the first error of the body (both the Memory API's ``{"errors": [...]}`` envelope and the
    Agent and Heartbeat APIs' ``{"error": {...}}`` are understood); ``errors`` holds every error
    the body listed. ``request_id`` is the gateway's ``X-Request-Id``, also for errors without a
    body; ``headers`` are the response's, names in lower case (``x-ratelimit-remaining``).
    Transport failures leave ``status`` as ``None``.
    """

    def __init__(
        self,
        message: str,
        *,
        status: Optional[int] = None,
        code: Optional[str] = None,
        field: Optional[str] = None,
        request_id: Optional[str] = None,
        body: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        errors: Optional[List[Dict[str, Any]]] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.field = field
        self.request_id = request_id
        self.body = body
        self.headers: Dict[str, str] = dict(headers or {})
        self.errors: List[Dict[str, Any]] = errors or []

    def __str__(self) -> str:
        text = self.message
        if self.code:
            text = f"{self.code}: {text}"
        if self.status is not None:
            text = f"{self.status} {text}"
        if self.field:
            text += f" (field: {self.field})"
        if self.request_id:
            text += f" [request_id: {self.request_id}]"
        return text


class BadRequestError(HeroBrainError):
    """400: the request was refused as malformed."""


class ValidationError(BadRequestError):
    """400 VALIDATION_ERROR: a field is missing or invalid; ``field`` names it."""


class AuthenticationError(HeroBrainError):
    """401: the key is missing, malformed, unknown, revoked or expired."""


class QuotaExceededError(HeroBrainError):
    """402: the plan's quota (memories, storage) would be exceeded."""


class PermissionDeniedError(HeroBrainError):
    """403: wrong tenant or agent, a missing scope, or a feature the plan lacks."""


class NotFoundError(HeroBrainError):
    """404: no such resource in this tenant."""


class ConflictError(HeroBrainError):
    """409: the resource exists already, or the conversation is busy."""


class PayloadTooLargeError(HeroBrainError):
    """413: the request body is over the gateway's limit (1 MiB)."""


class RateLimitError(HeroBrainError):
    """429: a rate limit or quota window is exhausted; ``retry_after`` is in seconds."""

    def __init__(self, message: str, *, retry_after: Optional[float] = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(HeroBrainError):
    """5xx: the platform failed or a service was unavailable or too slow."""


class APIConnectionError(HeroBrainError):
    """The gateway could not be reached, or the connection broke before an answer."""


class APITimeoutError(APIConnectionError):
    """No answer came within the timeout."""


class WebhookVerificationError(HeroBrainError):
    """A webhook delivery's signature or timestamp did not verify."""


_BY_STATUS: Dict[int, Type[HeroBrainError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: QuotaExceededError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    429: RateLimitError,
}


def parse_retry_after(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """Seconds to wait from a Retry-After header, given as seconds or as an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _error_details(body: Any) -> List[Dict[str, Any]]:
    if not isinstance(body, dict):
        return []
    errors = body.get("errors")
    if isinstance(errors, list):
        return [e for e in errors if isinstance(e, dict)]
    error = body.get("error")
    if isinstance(error, dict):
        return [error]
    return []


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return f"HTTP {status}"


def error_from_response(status: int, body: Any, headers: Mapping[str, str]) -> HeroBrainError:
    """The exception for an error response, by status, with the body's code, message and field.

    ``headers`` must have lower-case names.
    """
    details = _error_details(body)
    first = details[0] if details else {}
    code = first.get("code")
    message = first.get("message") or _reason(status)
    request_id = headers.get("x-request-id")
    if request_id is None and isinstance(body, dict) and isinstance(body.get("metadata"), dict):
        request_id = body["metadata"].get("request_id")
    kwargs: Dict[str, Any] = dict(
        status=status,
        code=code,
        field=first.get("field"),
        request_id=request_id,
        body=body,
        headers=headers,
        errors=details,
    )
    if status == 429:
        return RateLimitError(message, retry_after=parse_retry_after(headers.get("retry-after")), **kwargs)
    if status == 400 and code in (None, "VALIDATION_ERROR"):
        return ValidationError(message, **kwargs)
    if status >= 500:
        return ServerError(message, **kwargs)
    return _BY_STATUS.get(status, HeroBrainError)(message, **kwargs)
