"""Bots and heartbeats against the real gateway (the tenant's enterprise plan allows heartbeats)."""

from __future__ import annotations

import datetime
import unittest
from typing import Any, Dict

from _support import NO_MODEL, SCRIPTED_MODEL, GatewayTestCase, require_gateway

from herobrain import NotFoundError, PermissionDeniedError, ValidationError


def setUpModule() -> None:
    require_gateway()


class HeartbeatsTest(GatewayTestCase):
    bot_id: str

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.bot_id = cls.hb.agents.create("Digest bot", instructions="Be brief.", heartbeat=True)["id"]

    def new_heartbeat(self, **fields: Any) -> Dict[str, Any]:
        return self.hb.heartbeats.configure(self.bot_id, prompt="Check for new support tickets", **fields)["heartbeat"]

    def test_configure_read_readall_enable_disable_and_delete(self) -> None:
        heartbeat = self.new_heartbeat(interval_minutes=5, timezone="America/New_York", credit_budget=100)
        self.assertTrue(heartbeat["uuid"].startswith("hb_"))
        self.assertEqual((heartbeat["interval_minutes"], heartbeat["enabled"]), (5, 0))
        self.assertEqual((heartbeat["project_id"], heartbeat["bot_id"]), (self.tenant_id, self.bot_id))
        uuid = heartbeat["uuid"]

        self.assertEqual(self.hb.heartbeats.read(self.bot_id, uuid)["heartbeat"]["timezone"], "America/New_York")
        self.assertIn(uuid, [h["uuid"] for h in self.hb.heartbeats.readall(self.bot_id)["heartbeats"]])

        enabled = self.hb.heartbeats.enable(self.bot_id, uuid)["heartbeat"]
        self.assertEqual(enabled["enabled"], 1)
        self.assertIsNotNone(enabled["next_run_at"])
        self.assertEqual(self.hb.heartbeats.disable(self.bot_id, uuid)["heartbeat"]["enabled"], 0)

        rescheduled = self.hb.heartbeats.configure(self.bot_id, heartbeat_id=uuid, cron_pattern="0 9 * * 1,2,3,4,5")
        self.assertEqual(rescheduled["heartbeat"]["uuid"], uuid)
        self.assertEqual(rescheduled["heartbeat"]["cron_pattern"], "0 9 * * 1,2,3,4,5")

        self.assertEqual(self.hb.heartbeats.delete(self.bot_id, uuid), {"deleted": True, "uuid": uuid})
        with self.assertRaises(NotFoundError) as caught:
            self.hb.heartbeats.read(self.bot_id, uuid)
        self.assertEqual(caught.exception.field, "heartbeat_id")

    def test_trigger_logs_and_stats(self) -> None:
        uuid = self.new_heartbeat(interval_minutes=60)["uuid"]
        result = self.hb.heartbeats.trigger(self.bot_id, uuid)["result"]
        # The run ends as the platform's model lets it: answered, or failed for want of a model.
        if SCRIPTED_MODEL:
            self.assertEqual(result["status"], "success")
        else:
            self.assertEqual((result["status"], result["error"]["code"]), ("error", "model_not_configured"))

        logs = self.hb.heartbeats.logs(self.bot_id, heartbeat_id=uuid, per_page=5)
        self.assertEqual(logs["total"], 1)
        self.assertEqual(logs["logs"][0]["uuid"], result["log_id"])
        self.assertEqual(logs["pagination"]["per_page"], 5)
        self.assertEqual(self.hb.heartbeats.logs(self.bot_id, heartbeat_id=uuid, status="skipped")["total"], 0)

        stats = self.hb.heartbeats.stats(self.bot_id, days=7)["stats"]
        self.assertGreaterEqual(stats["total_executions"], 1)
        self.assertEqual(len(stats["time_series"]), 7)

    def test_trigger_runs_the_prompt_through_the_model(self) -> None:
        if not SCRIPTED_MODEL:
            self.skipTest(NO_MODEL)
        uuid = self.new_heartbeat(interval_minutes=60)["uuid"]
        result = self.hb.heartbeats.trigger(self.bot_id, uuid)["result"]
        self.assertEqual(result["status"], "success")
        self.assertIn("You said:", result["response"])

    def test_schedule_task(self) -> None:
        run_at = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
        task = self.hb.heartbeats.schedule_task(self.bot_id, "Send the weekly digest", run_at)["task"]
        self.assertEqual(task["prompt"], "Send the weekly digest")

    def test_an_interval_below_one_minute_is_refused(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            self.new_heartbeat(interval_minutes=0)
        self.assertEqual(caught.exception.field, "interval_minutes")

    def test_bots_need_the_heartbeat_flag(self) -> None:
        bot = self.hb.bots.create("Plain bot", instructions="Be brief.")["bot"]
        self.assertEqual((bot["project_id"], bot["heartbeat"]), (self.tenant_id, False))
        with self.assertRaises(PermissionDeniedError) as caught:
            self.hb.heartbeats.configure(bot["id"], prompt="Check")
        self.assertEqual(caught.exception.code, "FEATURE_NOT_ENABLED")

        self.assertTrue(self.hb.bots.update(bot["id"], heartbeat=True)["bot"]["heartbeat"])
        self.assertEqual(self.hb.bots.read(bot["id"])["bot"]["name"], "Plain bot")
        self.assertEqual(self.hb.heartbeats.configure(bot["id"], prompt="Check")["heartbeat"]["bot_id"], bot["id"])


if __name__ == "__main__":
    unittest.main()
