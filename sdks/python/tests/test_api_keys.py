"""API keys against the real gateway: create, list, revoke, and a revoked key refused."""

from __future__ import annotations

import time
import unittest

from _support import GatewayTestCase, refusal, require_gateway


def setUpModule() -> None:
    require_gateway()


class ApiKeysTest(GatewayTestCase):
    def test_create_list_and_revoke(self) -> None:
        created = self.hb.api_keys.create(
            name="Reporting", environment="development", scopes=["read:memories"], expires_at=time.time() + 3600
        )
        self.assertTrue(created["plainKey"].startswith("hb_dev_"))
        self.assertEqual(created["scopes"], ["read:memories"])
        self.assertEqual(created["name"], "Reporting")

        listed = {key["id"]: key for key in self.hb.api_keys.list()["keys"]}
        self.assertEqual(listed[created["id"]]["status"], "active")
        self.assertNotIn("plainKey", listed[created["id"]])
        self.assertIn(self.key_id, listed)

        reporting = self.client(created["plainKey"])
        self.assertEqual(reporting.memories.list()["memories"], [])

        revoked = self.hb.api_keys.revoke(created["id"])
        self.assertEqual(revoked["status"], "revoked")
        self.assertEqual(refusal(reporting.memories.list).code, "AUTH_INVALID")

    def test_a_key_made_without_scopes_holds_every_scope_of_its_maker(self) -> None:
        created = self.hb.api_keys.create(name="Everything")
        self.assertIn("write:heartbeats", created["scopes"])
        self.assertTrue(created["plainKey"].startswith("hb_prod_"))


if __name__ == "__main__":
    unittest.main()
