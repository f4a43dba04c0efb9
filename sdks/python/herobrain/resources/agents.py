"""Agents (Agent API): management, agent keys, invoking, conversations and agent memory."""

from __future__ import annotations

import time
from typing import Any, Dict, Optional

from .._errors import APITimeoutError
from .._transport import Transport
from ..types import Agent, AgentKey, Run
from ._base import RUN_TIMEOUT, Resource, new_idempotency_key, q

_FINISHED = ("completed", "failed")


class AgentKeys(Resource):
    """``/api/v1/agents/{id}/api-keys``: ``hb_agent_…`` keys that reach one agent only."""

    def create(
        self, agent_id: str, name: str, expires_at: Optional[int] = None, *, timeout: Optional[float] = None
    ) -> AgentKey:
        """Make a key for the agent; its ``plainKey`` is in this answer only."""
        body = {"name": name, "expiresAt": expires_at, "tenantId": self._tenant_id}
        return self._transport.request("POST", f"/api/v1/agents/{q(agent_id)}/api-keys", body=body, timeout=timeout)

    def list(self, agent_id: str, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """The agent's keys, without their secrets: ``{data, total}``."""
        return self._transport.request(
            "GET", f"/api/v1/agents/{q(agent_id)}/api-keys", query=self._tenant_query(), timeout=timeout
        )

    def revoke(self, agent_id: str, key_id: str, *, timeout: Optional[float] = None) -> AgentKey:
        """Revoke one of the agent's keys; answers the key."""
        return self._transport.request(
            "POST",
            f"/api/v1/agents/{q(agent_id)}/api-keys/{q(key_id)}/revoke",
            query=self._tenant_query(),
            timeout=timeout,
        )


class Agents(Resource):
    """``/api/v1/agents``: the tenant's agents (the Heartbeat API's bots)."""

    def __init__(self, transport: Transport, tenant_id: Optional[str]) -> None:
        super().__init__(transport, tenant_id)
        self.keys = AgentKeys(transport, tenant_id)

    def create(
        self, name: str, instructions: Optional[str] = None, *, timeout: Optional[float] = None, **fields: Any
    ) -> Agent:
        """Create an agent. ``fields``: ``model``, ``max_tokens``, ``tools_enabled``, ``heartbeat``."""
        body = dict(name=name, instructions=instructions, tenantId=self._tenant_id)
        return self._transport.request("POST", "/api/v1/agents", body=body, explicit=fields, timeout=timeout)

    def list(
        self, page: Optional[int] = None, limit: Optional[int] = None, *, timeout: Optional[float] = None
    ) -> Dict[str, Any]:
        """The tenant's agents, newest first: ``{data, total}``."""
        query = dict(self._tenant_query(), page=page, limit=limit)
        return self._transport.request("GET", "/api/v1/agents", query=query, timeout=timeout)

    def get(self, agent_id: str, *, timeout: Optional[float] = None) -> Agent:
        """One agent."""
        return self._transport.request(
            "GET", f"/api/v1/agents/{q(agent_id)}", query=self._tenant_query(), timeout=timeout
        )

    def update(self, agent_id: str, *, timeout: Optional[float] = None, **changes: Any) -> Agent:
        """Change ``name``, ``instructions``, ``model``, ``max_tokens``, ``tools_enabled`` or ``heartbeat``."""
        body = dict(tenantId=self._tenant_id)
        return self._transport.request(
            "PATCH", f"/api/v1/agents/{q(agent_id)}", body=body, explicit=changes, timeout=timeout
        )

    def delete(self, agent_id: str, *, timeout: Optional[float] = None) -> None:
        """Delete an agent with its conversations."""
        self._transport.request("DELETE", f"/api/v1/agents/{q(agent_id)}", query=self._tenant_query(), timeout=timeout)

    def invoke(
        self,
        agent_id: str,
        message: str,
        conversation_id: Optional[str] = None,
        multitask_strategy: Optional[str] = None,
        idempotency_key: Optional[str] = None,
        *,
        timeout: Optional[float] = None,
    ) -> Run:
        """Send ``message`` and wait for the run to end: ``{status, response, conversation_id, …}``.

        ``conversation_id`` continues a conversation; ``multitask_strategy`` (``enqueue``,
        ``reject`` or ``interrupt``) decides what happens while it is busy. The call waits at
        least ``RUN_TIMEOUT`` (310) seconds unless ``timeout`` says otherwise.
        """
        timeout = self._run_timeout(timeout)
        return self._invoke(agent_id, message, True, conversation_id, multitask_strategy, idempotency_key, timeout)

    def invoke_async(
        self,
        agent_id: str,
        message: str,
        conversation_id: Optional[str] = None,
        multitask_strategy: Optional[str] = None,
        idempotency_key: Optional[str] = None,
        *,
        timeout: Optional[float] = None,
    ) -> Run:
        """Start a run and return at once (202): ``{run_id, status, conversation_id, created_at}``.

        Follow it with :meth:`status` or :meth:`wait_for`.
        """
        return self._invoke(agent_id, message, False, conversation_id, multitask_strategy, idempotency_key, timeout)

    def _invoke(
        self,
        agent_id: str,
        message: str,
        wait: bool,
        conversation_id: Optional[str],
        multitask_strategy: Optional[str],
        idempotency_key: Optional[str],
        timeout: Optional[float],
    ) -> Run:
        body = {
            "message": message,
            "wait": wait,
            "conversation_id": conversation_id,
            "multitask_strategy": multitask_strategy,
            "tenantId": self._tenant_id,
        }
        return self._transport.request(
            "POST",
            f"/api/v1/agents/{q(agent_id)}/invoke",
            body=body,
            idempotency_key=idempotency_key or new_idempotency_key(),
            timeout=timeout,
        )

    def status(self, agent_id: str, conversation_id: str, *, timeout: Optional[float] = None) -> Run:
        """The conversation's latest run.

        Its ``status`` is ``pending``, ``running``, ``completed`` (with ``response``) or ``failed``
        (with ``error``).
        """
        return self._transport.request(
            "GET",
            f"/api/v1/agents/{q(agent_id)}/invoke/{q(conversation_id)}/status",
            query=self._tenant_query(),
            timeout=timeout,
        )

    def wait_for(
        self, agent_id: str, conversation_id: str, timeout: float = RUN_TIMEOUT, poll_interval: float = 1.0
    ) -> Run:
        """Poll :meth:`status` until the run is ``completed`` or ``failed`` and return it.

        Raises ``APITimeoutError`` when it is still going after ``timeout`` seconds. Each poll is
        one request against the key's rate limit.
        """
        deadline = time.monotonic() + timeout
        while True:
            run = self.status(agent_id, conversation_id)
            if run.get("status") in _FINISHED:
                return run
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise APITimeoutError(
                    f"run of conversation {conversation_id} still {run.get('status')} after {timeout} s"
                )
            time.sleep(min(poll_interval, remaining))

    def cancel(self, agent_id: str, conversation_id: str, *, timeout: Optional[float] = None) -> Run:
        """Cancel the conversation's unfinished runs; they end as ``failed`` with error code ``cancelled``."""
        return self._transport.request(
            "POST",
            f"/api/v1/agents/{q(agent_id)}/invoke/{q(conversation_id)}/cancel",
            query=self._tenant_query(),
            timeout=timeout,
        )

    def conversations(
        self, agent_id: str, page: Optional[int] = None, limit: Optional[int] = None, *, timeout: Optional[float] = None
    ) -> Dict[str, Any]:
        """The agent's conversations, most recently active first: ``{data, total}``."""
        query = dict(self._tenant_query(), page=page, limit=limit)
        return self._transport.request(
            "GET", f"/api/v1/agents/{q(agent_id)}/conversations", query=query, timeout=timeout
        )

    def messages(
        self,
        agent_id: str,
        conversation_id: str,
        page: Optional[int] = None,
        limit: Optional[int] = None,
        *,
        timeout: Optional[float] = None,
    ) -> Dict[str, Any]:
        """A conversation's messages, newest first, with tool calls and token counts: ``{data, total}``."""
        query = dict(self._tenant_query(), page=page, limit=limit)
        return self._transport.request(
            "GET",
            f"/api/v1/agents/{q(agent_id)}/conversations/{q(conversation_id)}/messages",
            query=query,
            timeout=timeout,
        )

    def memory(
        self,
        agent_id: str,
        query: Optional[str] = None,
        type: Optional[str] = None,
        limit: Optional[int] = None,
        *,
        timeout: Optional[float] = None,
    ) -> Dict[str, Any]:
        """Search the agent's own memory (``query``), or list it newest first: ``{data, total}``."""
        params = dict(self._tenant_query(), query=query, type=type, limit=limit)
        return self._transport.request("GET", f"/api/v1/agents/{q(agent_id)}/memory", query=params, timeout=timeout)

    def delete_memory(self, agent_id: str, memory_id: str, *, timeout: Optional[float] = None) -> None:
        """Delete one memory of the agent."""
        self._transport.request(
            "DELETE",
            f"/api/v1/agents/{q(agent_id)}/memory/{q(memory_id)}",
            query=self._tenant_query(),
            timeout=timeout,
        )
