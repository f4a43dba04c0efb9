"""Retries, timeouts, headers and response shapes, against a scripted local HTTP server."""

from __future__ import annotations

import email.utils
import json
import socket
import threading
import time
import unittest
import unittest.mock
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Tuple

from herobrain import (
    APIConnectionError,
    APITimeoutError,
    HeroBrain,
    NotFoundError,
    RateLimitError,
    ServerError,
    __version__,
)
from herobrain._errors import parse_retry_after

Reply = Tuple[int, Dict[str, str], Any]

UNAVAILABLE: Reply = (
    503,
    {},
    {"success": False, "errors": [{"code": "SERVICE_UNAVAILABLE", "message": "memory has no live replica"}]},
)
MEMORY = {"id": "mem_1", "content": "Met with Sarah", "type": "episodic"}


def enveloped(data: Any) -> Dict[str, Any]:
    return {"success": True, "data": data, "metadata": {"request_id": "req_local", "version": "v1"}}


class ScriptedGateway:
    """A local server answering each request with the next scripted reply, recording what it got."""

    def __init__(self) -> None:
        self.replies: List[Reply] = []
        self.requests: List[Dict[str, Any]] = []
        self.delay = 0.0
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                gateway.requests.append(
                    {"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body}
                )
                time.sleep(gateway.delay)
                status, headers, payload = gateway.replies.pop(0)
                data = b"" if payload is None else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("X-Request-Id", f"req_{len(gateway.requests)}")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except ConnectionError:
                    pass  # the client gave up waiting (the timeout tests)

            do_GET = do_POST = do_PATCH = do_DELETE = do_any

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class TransportTest(unittest.TestCase):
    def setUp(self) -> None:
        self.gateway = ScriptedGateway()
        self.addCleanup(self.gateway.close)

    def client(self, **options: Any) -> HeroBrain:
        return HeroBrain(api_key="hb_prod_test", tenant_id="user_12345", base_url=self.gateway.url, **options)

    def script(self, *replies: Reply) -> None:
        self.gateway.replies.extend(replies)

    def methods(self) -> List[str]:
        return [r["method"] for r in self.gateway.requests]

    def test_a_get_is_retried_after_a_503(self) -> None:
        self.script(UNAVAILABLE, (200, {}, enveloped(MEMORY)))
        self.assertEqual(self.client().memories.get("mem_1"), MEMORY)
        self.assertEqual(self.methods(), ["GET", "GET"])

    def test_a_429_is_retried_after_its_retry_after(self) -> None:
        limited = {"success": False, "errors": [{"code": "RATE_LIMIT_EXCEEDED", "message": "Too many requests"}]}
        self.script((429, {"Retry-After": "0"}, limited), (201, {}, enveloped(MEMORY)))
        self.assertEqual(self.client().memories.create(content="Met with Sarah", type="episodic"), MEMORY)
        self.assertEqual(self.methods(), ["POST", "POST"])

    def test_a_post_without_idempotency_key_is_not_retried_after_a_503(self) -> None:
        self.script(UNAVAILABLE, (200, {}, enveloped({"id": "key_1"})))
        with self.assertRaises(ServerError) as caught:
            self.client().api_keys.revoke("key_1")
        self.assertEqual((caught.exception.status, caught.exception.code), (503, "SERVICE_UNAVAILABLE"))
        self.assertEqual(self.methods(), ["POST"])

    def test_a_create_carries_a_key_of_its_own_and_is_retried_under_it(self) -> None:
        self.script(UNAVAILABLE, (201, {}, enveloped(MEMORY)))
        self.assertEqual(self.client().memories.create(content="Met with Sarah", type="episodic"), MEMORY)
        keys = [r["headers"]["Idempotency-Key"] for r in self.gateway.requests]
        self.assertEqual(len(keys), 2)
        self.assertEqual(keys[0], keys[1])
        self.assertTrue(keys[0].startswith("sdk_"))

    def test_a_post_with_idempotency_key_is_retried_with_the_same_key(self) -> None:
        self.script(UNAVAILABLE, (504, {}, None), (201, {}, enveloped(MEMORY)))
        created = self.client().memories.create(content="Met with Sarah", type="episodic", idempotency_key="k-1")
        self.assertEqual(created, MEMORY)
        self.assertEqual([r["headers"]["Idempotency-Key"] for r in self.gateway.requests], ["k-1"] * 3)

    def test_retries_stop_at_max_retries(self) -> None:
        self.script(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE)
        with self.assertRaises(ServerError):
            self.client(max_retries=1).memories.list()
        self.assertEqual(self.methods(), ["GET", "GET"])

    def test_a_retry_after_beyond_the_cap_is_raised_at_once(self) -> None:
        self.script((429, {"Retry-After": "3600"}, {"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "later"}}))
        with self.assertRaises(RateLimitError) as caught:
            self.client().agents.list()
        self.assertEqual(caught.exception.retry_after, 3600)
        self.assertEqual(caught.exception.request_id, "req_1")
        self.assertEqual(len(self.gateway.requests), 1)

    def test_client_errors_are_not_retried(self) -> None:
        self.script((404, {}, {"error": {"code": "RESOURCE_NOT_FOUND", "message": "no", "field": "bot_id"}}))
        with self.assertRaises(NotFoundError) as caught:
            self.client().bots.read("agt_1")
        self.assertEqual(caught.exception.field, "bot_id")
        self.assertEqual(len(self.gateway.requests), 1)

    def test_sends_identity_key_and_json(self) -> None:
        self.script((201, {}, enveloped(MEMORY)))
        self.client().memories.create(content="Met with Sarah", type="episodic", tags=["q4"])
        request = self.gateway.requests[0]
        self.assertEqual(request["headers"]["User-Agent"], f"herobrain-python/{__version__}")
        self.assertEqual(request["headers"]["Accept"], "application/json")
        self.assertEqual(request["headers"]["Authorization"], "Bearer hb_prod_test")
        self.assertEqual(request["headers"]["Content-Type"], "application/json")
        self.assertEqual(
            json.loads(request["body"]),
            {"content": "Met with Sarah", "type": "episodic", "tags": ["q4"], "tenantId": "user_12345"},
        )

    def test_fills_in_the_tenant_in_each_apis_name(self) -> None:
        self.script((200, {}, enveloped({"memories": []})), (200, {}, {"heartbeats": []}))
        client = self.client()
        client.memories.list(tags=["a", "b"], limit=5)
        self.assertEqual(client.heartbeats.readall("agt_1"), {"heartbeats": []})
        memories, heartbeats = (r["path"] for r in self.gateway.requests)
        self.assertEqual(memories, "/api/v1/memories?tenantId=user_12345&limit=5&tags=a%2Cb")
        self.assertEqual(heartbeats, "/v1/bot/heartbeat/readall?project_id=user_12345&bot_id=agt_1")

    def test_ids_are_encoded_as_one_path_segment(self) -> None:
        self.script((200, {}, enveloped(MEMORY)))
        self.client().memories.get("mem/../x y")
        self.assertTrue(self.gateway.requests[0]["path"].startswith("/api/v1/memories/mem%2F..%2Fx%20y?"))

    def test_a_field_named_none_is_sent_as_null_and_an_argument_not_given_is_left_out(self) -> None:
        self.script((200, {}, {"heartbeat": {"uuid": "hb_1"}}))
        self.client().heartbeats.configure("agt_1", heartbeat_id="hb_1", credit_budget=None)
        sent = json.loads(self.gateway.requests[0]["body"])
        self.assertIsNone(sent["credit_budget"])  # null: no budget
        self.assertNotIn("prompt", sent)

    def test_a_204_without_body_succeeds(self) -> None:
        self.script((204, {}, None))
        self.client().agents.delete("agt_1")
        self.assertEqual(self.gateway.requests[0]["path"], "/api/v1/agents/agt_1?tenantId=user_12345")

    def test_a_slow_answer_is_a_timeout_and_a_post_is_not_repeated(self) -> None:
        self.gateway.delay = 0.5
        self.script((200, {}, enveloped({"id": "key_1"})))
        with self.assertRaises(APITimeoutError):
            self.client().api_keys.revoke("key_1", timeout=0.1)
        self.assertEqual(self.methods(), ["POST"])

    def test_an_unreachable_gateway_is_a_connection_error_after_retries(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        client = HeroBrain(api_key="hb_prod_test", base_url=f"http://127.0.0.1:{port}", max_retries=1)
        started = time.monotonic()
        with self.assertRaises(APIConnectionError):
            client.memories.list()
        self.assertGreater(time.monotonic() - started, 0.2)


class RetryAfterTest(unittest.TestCase):
    def test_reads_seconds_and_http_dates(self) -> None:
        self.assertEqual(parse_retry_after("23"), 23.0)
        self.assertEqual(parse_retry_after(email.utils.formatdate(1_000_030, usegmt=True), now=1_000_000), 30.0)
        self.assertEqual(parse_retry_after(email.utils.formatdate(999_000, usegmt=True), now=1_000_000), 0.0)
        self.assertIsNone(parse_retry_after("soon"))
        self.assertIsNone(parse_retry_after(None))


class ConfigurationTest(unittest.TestCase):
    def test_reads_the_environment_when_arguments_are_missing(self) -> None:
        env = {"HEROBRAIN_API_KEY": "hb_prod_env", "HEROBRAIN_BASE_URL": "http://gw:3000/", "HEROBRAIN_TENANT_ID": "t1"}
        with unittest.mock.patch.dict("os.environ", env):
            client = HeroBrain()
        self.assertEqual((client.base_url, client.tenant_id), ("http://gw:3000", "t1"))

    def test_needs_a_key(self) -> None:
        with unittest.mock.patch.dict("os.environ", {}, clear=True):
            with self.assertRaises(ValueError):
                HeroBrain()

    def test_usage_needs_the_tenant(self) -> None:
        with unittest.mock.patch.dict("os.environ", {}, clear=True):
            with self.assertRaises(ValueError):
                HeroBrain(api_key="hb_prod_x").usage.metrics()


if __name__ == "__main__":
    unittest.main()
