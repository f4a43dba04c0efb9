"""Bots and heartbeats (Heartbeat API): agents that wake on their own schedule.

The Heartbeat API names the tenant ``project_id`` and the agent ``bot_id``; the client fills in
``project_id`` from its ``tenant_id``.
"""

from __future__ import annotations

import datetime
from typing import Any, Dict, Optional, Union

from ._base import TRIGGER_TIMEOUT, Resource


class Bots(Resource):
    """``/v1/bot``: the Heartbeat API's bot management (a bot is an agent)."""

    def create(self, name: str, *, timeout: Optional[float] = None, **fields: Any) -> Dict[str, Any]:
        """Create a bot: ``{bot}``.

        ``fields``: ``instructions``, ``model``, ``max_tokens``, ``tools_enabled``, ``heartbeat``.
        """
        body = dict(project_id=self._tenant_id, name=name)
        return self._transport.request("POST", "/v1/bot/create", body=body, explicit=fields, timeout=timeout)

    def read(self, bot_id: str, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """One bot: ``{bot}``."""
        query = {"project_id": self._tenant_id, "bot_id": bot_id}
        return self._transport.request("GET", "/v1/bot/read", query=query, timeout=timeout)

    def update(self, bot_id: str, *, timeout: Optional[float] = None, **changes: Any) -> Dict[str, Any]:
        """Change a bot: ``{bot}``. ``heartbeat=True`` lets the Heartbeat API run it."""
        body = dict(project_id=self._tenant_id, bot_id=bot_id)
        return self._transport.request("POST", "/v1/bot/update", body=body, explicit=changes, timeout=timeout)


class Heartbeats(Resource):
    """``/v1/bot/heartbeat``: a bot's schedules, runs, logs and statistics."""

    def configure(
        self,
        bot_id: str,
        prompt: Optional[str] = None,
        heartbeat_id: Optional[str] = None,
        *,
        timeout: Optional[float] = None,
        **fields: Any,
    ) -> Dict[str, Any]:
        """Create a heartbeat, or update the one named by ``heartbeat_id``: ``{heartbeat}``.

        ``prompt`` is required when creating. ``fields`` are the wire's: ``interval_minutes``
        (default 30) or ``cron_pattern``, ``enabled``, ``timezone``, ``active_hours_start``,
        ``active_hours_end``, ``active_days``, ``credit_budget``, ``max_consecutive_errors``,
        ``member_id``.
        """
        body = dict(project_id=self._tenant_id, bot_id=bot_id, prompt=prompt, heartbeat_id=heartbeat_id)
        return self._transport.request(
            "POST", "/v1/bot/heartbeat/configure", body=body, explicit=fields, timeout=timeout
        )

    def readall(
        self, bot_id: str, member_id: Optional[str] = None, *, timeout: Optional[float] = None
    ) -> Dict[str, Any]:
        """The bot's heartbeats: ``{heartbeats: [...]}``."""
        query = self._bot(bot_id, member_id=member_id)
        return self._transport.request("GET", "/v1/bot/heartbeat/readall", query=query, timeout=timeout)

    def read(self, bot_id: str, heartbeat_id: str, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """One heartbeat: ``{heartbeat}``."""
        query = self._bot(bot_id, heartbeat_id=heartbeat_id)
        return self._transport.request("GET", "/v1/bot/heartbeat/read", query=query, timeout=timeout)

    def enable(self, bot_id: str, heartbeat_id: str, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """Run it on its schedule from the next occurrence: ``{heartbeat}``."""
        return self._switch("enable", bot_id, heartbeat_id, timeout)

    def disable(self, bot_id: str, heartbeat_id: str, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """Pause it, keeping its configuration: ``{heartbeat}``."""
        return self._switch("disable", bot_id, heartbeat_id, timeout)

    def trigger(self, bot_id: str, heartbeat_id: str, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """Run it once now, enabled or not, and wait for the result.

        Answers ``{result: {status, response, error, duration_ms, tokens_used, credits_charged, …}}``
        (``status`` is ``success``, ``error`` or ``skipped``).
        """
        body = self._bot(bot_id, heartbeat_id=heartbeat_id)
        return self._transport.request(
            "POST", "/v1/bot/heartbeat/trigger", body=body, timeout=self._run_timeout(timeout, TRIGGER_TIMEOUT)
        )

    def delete(self, bot_id: str, heartbeat_id: str, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """Delete it and its scheduled runs (its logs stay): ``{deleted, uuid}``."""
        query = self._bot(bot_id, heartbeat_id=heartbeat_id)
        return self._transport.request("DELETE", "/v1/bot/heartbeat/delete", query=query, timeout=timeout)

    def schedule_task(
        self,
        bot_id: str,
        prompt: str,
        run_at: Union[str, datetime.datetime],
        member_id: Optional[str] = None,
        *,
        timeout: Optional[float] = None,
    ) -> Dict[str, Any]:
        """Run ``prompt`` once at ``run_at`` (ISO 8601, or a datetime): ``{task}``, logged as ``scheduled_task``."""
        if isinstance(run_at, datetime.datetime):
            run_at = run_at.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        body = self._bot(bot_id, prompt=prompt, run_at=run_at, member_id=member_id)
        return self._transport.request("POST", "/v1/bot/heartbeat/schedule-task", body=body, timeout=timeout)

    def logs(
        self,
        bot_id: str,
        heartbeat_id: Optional[str] = None,
        member_id: Optional[str] = None,
        status: Optional[str] = None,
        page: Optional[int] = None,
        per_page: Optional[int] = None,
        *,
        timeout: Optional[float] = None,
    ) -> Dict[str, Any]:
        """The bot's execution history, newest first: ``{total, logs, pagination}``.

        ``status`` keeps ``success``, ``error`` or ``skipped`` runs.
        """
        query = self._bot(
            bot_id, heartbeat_id=heartbeat_id, member_id=member_id, status=status, page=page, per_page=per_page
        )
        return self._transport.request("GET", "/v1/bot/heartbeat/logs", query=query, timeout=timeout)

    def stats(self, bot_id: str, days: Optional[int] = None, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """Execution statistics over the last ``days`` (default 30): ``{stats}``."""
        query = self._bot(bot_id, days=days)
        return self._transport.request("GET", "/v1/bot/heartbeat/stats", query=query, timeout=timeout)

    def _switch(self, action: str, bot_id: str, heartbeat_id: str, timeout: Optional[float]) -> Dict[str, Any]:
        body = self._bot(bot_id, heartbeat_id=heartbeat_id)
        return self._transport.request("POST", f"/v1/bot/heartbeat/{action}", body=body, timeout=timeout)

    def _bot(self, bot_id: str, **fields: Any) -> Dict[str, Any]:
        return dict(fields, project_id=self._tenant_id, bot_id=bot_id)
