"""HTTP to the gateway: JSON in and out, the three response faces, errors and retries."""

from __future__ import annotations

import http.client
import json
import random
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, Mapping, Optional, Tuple

from ._errors import (
    APIConnectionError,
    APITimeoutError,
    HeroBrainError,
    RateLimitError,
    error_from_response,
    parse_retry_after,
)
from ._version import __version__

Query = Mapping[str, Any]
Body = Mapping[str, Any]

# Methods a retry cannot make happen twice; any other request needs an Idempotency-Key header.
_SAFE_METHODS = frozenset({"GET", "HEAD", "DELETE"})
_RETRYABLE_STATUSES = frozenset({502, 503, 504})
_INITIAL_BACKOFF = 0.5
_MAX_BACKOFF = 8.0
# A Retry-After longer than this (an hourly or daily window) is not waited out: the error is raised.
MAX_RETRY_AFTER = 60.0

_AGENT_FACE = re.compile(r"^/api/v1/(agents|skills)(/|$)")


def unwraps_envelope(path: str) -> bool:
    """Whether the route answers in the Memory API's ``{success, data, metadata}`` envelope.

    Mirrors the gateway's faces: the Heartbeat API (``/v1/bot``) and the Agent API (agents and
    skills) answer plain bodies; every other route under ``/api/v1`` is enveloped.
    """
    return not (path == "/v1/bot" or path.startswith("/v1/bot/") or _AGENT_FACE.match(path))


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return str(value)


def _without_none(values: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    return {k: v for k, v in (values or {}).items() if v is not None}


class Transport:
    """Sends one API call, retrying where that is safe, and returns the decoded answer."""

    def __init__(self, api_key: str, base_url: str, timeout: float, max_retries: int) -> None:
        self.api_key = api_key
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self._opener = urllib.request.build_opener()

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Optional[Query] = None,
        body: Optional[Body] = None,
        explicit: Optional[Body] = None,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> Any:
        """Call ``method path`` and return the body, or the envelope's ``data`` where there is one.

        ``path`` is already percent-encoded; ``None`` values are left out of ``query`` and
        ``body`` (an argument not given), while ``explicit`` (the fields a caller named, as in
        ``update(id, model=None)``) is sent as it is, ``None`` as null. Raises a ``HeroBrainError`` subclass for an error status, and
        ``APIConnectionError`` or ``APITimeoutError`` when no answer arrives.
        """
        method = method.upper()
        url = self.base_url + path
        params = _without_none(query)
        if params:
            url += "?" + urllib.parse.urlencode({k: _query_value(v) for k, v in params.items()})
        headers = {
            "Authorization": f"Bearer {self.api_key}",
            "Accept": "application/json",
            "User-Agent": f"herobrain-python/{__version__}",
        }
        data = None
        if body is not None or explicit is not None:
            data = json.dumps({**_without_none(body), **(explicit or {})}).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        repeatable = method in _SAFE_METHODS or idempotency_key is not None
        deadline = self.timeout if timeout is None else timeout

        attempt = 0
        while True:
            try:
                status, response_headers, payload = self._send(method, url, headers, data, deadline)
            except APIConnectionError:
                if not repeatable or attempt >= self.max_retries:
                    raise
                time.sleep(self._backoff(attempt))
                attempt += 1
                continue
            if status < 400:
                return self._decode_success(path, payload)
            error = error_from_response(status, self._decode(payload), response_headers)
            wait = self._retry_wait(error, repeatable, attempt)
            if wait is None:
                raise error
            time.sleep(wait)
            attempt += 1

    def _send(
        self, method: str, url: str, headers: Dict[str, str], data: Optional[bytes], timeout: float
    ) -> Tuple[int, Dict[str, str], bytes]:
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with self._opener.open(request, timeout=timeout) as response:
                return response.status, self._lower(response.headers), response.read()
        except urllib.error.HTTPError as error:
            try:
                return error.code, self._lower(error.headers), error.read()
            finally:
                error.close()
        except urllib.error.URLError as error:
            if isinstance(error.reason, (socket.timeout, TimeoutError)):
                raise APITimeoutError(f"{method} {url} timed out after {timeout} s") from error
            raise APIConnectionError(f"{method} {url} failed: {error.reason}") from error
        except (socket.timeout, TimeoutError) as error:
            raise APITimeoutError(f"{method} {url} timed out after {timeout} s") from error
        except (OSError, http.client.HTTPException) as error:
            raise APIConnectionError(f"{method} {url} failed: {error!r}") from error

    def _retry_wait(self, error: HeroBrainError, repeatable: bool, attempt: int) -> Optional[float]:
        """Seconds to wait before the next attempt, or ``None`` to raise ``error`` now."""
        if attempt >= self.max_retries:
            return None
        if isinstance(error, RateLimitError):
            # A refused request was not counted and changed nothing, so it is always safe to repeat.
            if error.retry_after is None:
                return self._backoff(attempt)
            return error.retry_after if error.retry_after <= MAX_RETRY_AFTER else None
        if error.status in _RETRYABLE_STATUSES and repeatable:
            retry_after = parse_retry_after(error.headers.get("retry-after"))
            return self._backoff(attempt) if retry_after is None else min(retry_after, MAX_RETRY_AFTER)
        return None

    @staticmethod
    def _backoff(attempt: int) -> float:
        delay = min(_MAX_BACKOFF, _INITIAL_BACKOFF * 2**attempt)
        return delay * (0.5 + random.random() / 2)

    @staticmethod
    def _lower(headers: Any) -> Dict[str, str]:
        return {name.lower(): value for name, value in (headers or {}).items()}

    @staticmethod
    def _decode(payload: bytes) -> Any:
        if not payload:
            return None
        text = payload.decode("utf-8", errors="replace")
        try:
            return json.loads(text)
        except ValueError:
            return text

    def _decode_success(self, path: str, payload: bytes) -> Any:
        decoded = self._decode(payload)
        if unwraps_envelope(path) and isinstance(decoded, dict) and "success" in decoded:
            return decoded.get("data")
        return decoded
