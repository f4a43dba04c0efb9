"""verify_webhook against deliveries signed here the way the platform signs them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import unittest
from typing import Dict

from herobrain import HeroBrainError, WebhookVerificationError, verify_webhook

PAYLOAD = json.dumps({"event": "memory.created", "data": {"id": "mem_abc123def456", "tenantId": "user_12345"}})
RAW_KEY = b"\x8a\x11\x02 sixteen+ bytes of key"
WHSEC = "whsec_" + base64.b64encode(RAW_KEY).decode()


# The Standard Webhooks specification's published example, which the platform's signer is tested against too.
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_PAYLOAD = '{"test": 2432232314}'
SPEC_HEADERS = {
    "Webhook-Id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
    "Webhook-Timestamp": "1614265330",
    "Webhook-Signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
}


def sign(secret_bytes: bytes, msg_id: str, timestamp: int, body: str) -> str:
    mac = hmac.new(secret_bytes, f"{msg_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def delivery(secret_bytes: bytes, body: str = PAYLOAD, timestamp: int = 0) -> Dict[str, str]:
    timestamp = timestamp or int(time.time())
    return {
        "webhook-id": "msg_2b8Xq",
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret_bytes, "msg_2b8Xq", timestamp, body),
    }


class VerifyWebhookTest(unittest.TestCase):
    def test_accepts_the_specifications_published_example(self) -> None:
        self.assertEqual(verify_webhook(SPEC_PAYLOAD, SPEC_HEADERS, SPEC_SECRET, now=1614265330), {"test": 2432232314})
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(SPEC_PAYLOAD.replace("4", "5"), SPEC_HEADERS, SPEC_SECRET, now=1614265330)

    def test_accepts_a_plain_secret_and_returns_the_payload(self) -> None:
        headers = delivery(b"your-webhook-secret")
        event = verify_webhook(PAYLOAD, headers, "your-webhook-secret")
        self.assertEqual(event["event"], "memory.created")
        self.assertEqual(event["data"]["id"], "mem_abc123def456")

    def test_uses_a_whsec_secret_base64_decoded(self) -> None:
        self.assertEqual(verify_webhook(PAYLOAD, delivery(RAW_KEY), WHSEC)["event"], "memory.created")
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(PAYLOAD, delivery(WHSEC.encode()), WHSEC)

    def test_accepts_bytes_and_any_header_case(self) -> None:
        headers = {name.upper(): value for name, value in delivery(RAW_KEY).items()}
        self.assertEqual(verify_webhook(PAYLOAD.encode(), headers, WHSEC)["data"]["tenantId"], "user_12345")

    def test_any_signature_of_a_rotation_may_match(self) -> None:
        headers = delivery(RAW_KEY)
        stale = sign(b"the old secret", headers["webhook-id"], int(headers["webhook-timestamp"]), PAYLOAD)
        headers["webhook-signature"] = f"{stale} {headers['webhook-signature']}"
        self.assertEqual(verify_webhook(PAYLOAD, headers, WHSEC)["event"], "memory.created")

    def test_rejects_the_wrong_secret(self) -> None:
        with self.assertRaises(WebhookVerificationError) as caught:
            verify_webhook(PAYLOAD, delivery(b"someone else's secret"), WHSEC)
        self.assertIsInstance(caught.exception, HeroBrainError)

    def test_rejects_a_tampered_body(self) -> None:
        headers = delivery(RAW_KEY)
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(PAYLOAD.replace("mem_abc123def456", "mem_evil"), headers, WHSEC)

    def test_rejects_an_old_or_future_timestamp(self) -> None:
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(PAYLOAD, delivery(RAW_KEY, timestamp=int(time.time()) - 301), WHSEC)
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(PAYLOAD, delivery(RAW_KEY, timestamp=int(time.time()) + 301), WHSEC)
        old = delivery(RAW_KEY, timestamp=int(time.time()) - 3000)
        self.assertEqual(verify_webhook(PAYLOAD, old, WHSEC, tolerance_seconds=3600)["event"], "memory.created")

    def test_rejects_missing_headers_and_other_versions(self) -> None:
        headers = delivery(RAW_KEY)
        for name in headers:
            partial = {k: v for k, v in headers.items() if k != name}
            with self.assertRaises(WebhookVerificationError):
                verify_webhook(PAYLOAD, partial, WHSEC)
        headers["webhook-signature"] = headers["webhook-signature"].replace("v1,", "v2,")
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(PAYLOAD, headers, WHSEC)


if __name__ == "__main__":
    unittest.main()
