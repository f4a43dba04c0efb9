"""Typed errors from the real gateway, in each of its response shapes."""

from __future__ import annotations

import unittest

from _support import BASE_URL, GatewayTestCase, admin, require_gateway

from herobrain import (
    AuthenticationError,
    BadRequestError,
    HeroBrain,
    HeroBrainError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ValidationError,
)


def setUpModule() -> None:
    require_gateway()


class ErrorsTest(GatewayTestCase):
    def test_an_invalid_field_is_a_validation_error_naming_it(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            self.hb.memories.create(content="x", type="nope")
        error = caught.exception
        self.assertIsInstance(error, BadRequestError)
        self.assertIsInstance(error, HeroBrainError)
        self.assertEqual((error.status, error.code, error.field), (400, "VALIDATION_ERROR", "type"))
        self.assertIn("type must be one of", error.message)
        self.assertTrue(error.request_id.startswith("req_"))
        self.assertEqual(error.body["metadata"]["request_id"], error.request_id)
        self.assertIn("type", str(error))

    def test_an_unknown_memory_is_not_found(self) -> None:
        with self.assertRaises(NotFoundError) as caught:
            self.hb.memories.get("mem_doesnotexist")
        self.assertEqual((caught.exception.status, caught.exception.code), (404, "RESOURCE_NOT_FOUND"))
        self.assertTrue(caught.exception.request_id.startswith("req_"))

    def test_an_unknown_agent_is_not_found_in_the_agent_apis_shape(self) -> None:
        with self.assertRaises(NotFoundError) as caught:
            self.hb.agents.get("agt_doesnotexist")
        error = caught.exception
        self.assertEqual((error.code, error.field), ("RESOURCE_NOT_FOUND", "agentId"))
        self.assertIn("error", error.body)
        self.assertTrue(error.request_id.startswith("req_"))

    def test_a_bad_key_is_an_authentication_error(self) -> None:
        with self.assertRaises(AuthenticationError) as caught:
            HeroBrain(api_key="hb_prod_notarealkey", base_url=BASE_URL).memories.list()
        self.assertEqual((caught.exception.status, caught.exception.code), (401, "AUTH_INVALID"))
        self.assertTrue(caught.exception.request_id.startswith("req_"))

    def test_another_tenant_is_permission_denied(self) -> None:
        stranger = HeroBrain(api_key=self.key, tenant_id="someone_else", base_url=BASE_URL)
        with self.assertRaises(PermissionDeniedError) as caught:
            stranger.memories.list()
        self.assertEqual((caught.exception.status, caught.exception.code), (403, "TENANT_MISMATCH"))

    def test_a_missing_scope_is_permission_denied(self) -> None:
        reader = admin(self.tenant_id).api_keys.create(name="reader", scopes=["read:memories"])
        with self.assertRaises(PermissionDeniedError) as caught:
            self.client(reader["plainKey"]).memories.create(content="x", type="task")
        self.assertEqual(caught.exception.code, "INSUFFICIENT_SCOPE")

    def test_an_exhausted_minute_is_a_rate_limit_error_with_retry_after(self) -> None:
        spent = admin(self.tenant_id).api_keys.create(name="spent")
        client = self.client(spent["plainKey"], max_retries=0)
        with self.assertRaises(RateLimitError) as caught:
            # Enough to exhaust the minute even if a new minute starts part way through.
            for _ in range(121):
                client.api_keys.list()
        error = caught.exception
        self.assertEqual((error.status, error.code), (429, "RATE_LIMIT_EXCEEDED"))
        self.assertIsNotNone(error.retry_after)
        self.assertTrue(0 <= error.retry_after <= 60)
        self.assertEqual(error.headers["x-ratelimit-remaining"], "0")


if __name__ == "__main__":
    unittest.main()
