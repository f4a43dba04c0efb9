"""Webhooks against the real gateway: endpoints, test sends, deliveries and redelivery."""

from __future__ import annotations

import time
import unittest
from typing import Any, Dict

from _support import GatewayTestCase, require_gateway

from herobrain import NotFoundError, ValidationError

# The gateway accepts only https endpoints on public hosts; nothing needs to answer there.
ENDPOINT = "https://example.com/webhooks/herobrain"
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def setUpModule() -> None:
    require_gateway()


class WebhooksTest(GatewayTestCase):
    def test_create_list_get_update_and_delete(self) -> None:
        created = self.hb.webhooks.create("Memory Sync", ENDPOINT, ["memory.created", "memory.updated"], SECRET)
        self.assertTrue(created["id"].startswith("wh_"))
        self.assertEqual(created["status"], "active")
        self.assertNotIn("secret", created)

        self.assertIn(created["id"], [w["id"] for w in self.hb.webhooks.list()["webhooks"]])
        self.assertEqual(self.hb.webhooks.get(created["id"])["events"], ["memory.created", "memory.updated"])

        updated = self.hb.webhooks.update(created["id"], name="Memory Sync v2", status="inactive")
        self.assertEqual((updated["name"], updated["status"]), ("Memory Sync v2", "inactive"))

        self.hb.webhooks.delete(created["id"])
        with self.assertRaises(NotFoundError):
            self.hb.webhooks.get(created["id"])

    def test_test_send_answers_the_attempt(self) -> None:
        webhook = self.hb.webhooks.create("Probe", ENDPOINT, ["memory.deleted"], "your-webhook-secret")
        attempt = self.hb.webhooks.test(webhook["id"])
        self.assertIsInstance(attempt["delivered"], bool)
        self.assertIn("latencyMs", attempt)
        self.assertIn("attemptedAt", attempt)

    def test_an_event_is_recorded_as_a_delivery_and_can_be_resent(self) -> None:
        webhook = self.hb.webhooks.create("Deliveries", ENDPOINT, ["memory.created"], SECRET)
        self.hb.memories.create(content="Delivered as an event", type="event")
        deliveries = self._first_delivery(webhook["id"])
        self.assertEqual(deliveries["event"], "memory.created")
        resent = self.hb.webhooks.resend(webhook["id"], deliveries["id"])
        self.assertEqual(resent["id"], deliveries["id"])
        recovered = self.hb.webhooks.recover(webhook["id"], since="2020-01-01T00:00:00Z")
        self.assertIsInstance(recovered, dict)

    def test_a_plain_http_url_is_refused(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            self.hb.webhooks.create("Insecure", "http://example.com/hook", ["memory.created"], SECRET)
        self.assertEqual(caught.exception.field, "url")

    def _first_delivery(self, webhook_id: str) -> Dict[str, Any]:
        deadline = time.monotonic() + 10
        while True:
            page = self.hb.webhooks.deliveries(webhook_id, limit=10)
            if page["total"]:
                return page["data"][0]
            self.assertLess(time.monotonic(), deadline, "no delivery was recorded within 10 s")
            time.sleep(0.3)


if __name__ == "__main__":
    unittest.main()
