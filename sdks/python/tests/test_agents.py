"""Agents against the real gateway: management, agent keys, runs, conversations and memory."""

from __future__ import annotations

import unittest

from _support import NO_MODEL, SCRIPTED_MODEL, GatewayTestCase, refusal, require_gateway, unique

from herobrain import NotFoundError, PermissionDeniedError, ValidationError
from herobrain.types import Agent


def setUpModule() -> None:
    require_gateway()


class AgentManagementTest(GatewayTestCase):
    def test_create_get_list_update_and_delete(self) -> None:
        agent = self.hb.agents.create("Helper", instructions="Be brief.", max_tokens=512)
        self.assertTrue(agent["id"].startswith("agt_"))
        self.assertEqual((agent["instructions"], agent["max_tokens"], agent["heartbeat"]), ("Be brief.", 512, False))

        self.assertEqual(self.hb.agents.get(agent["id"])["name"], "Helper")
        listed = self.hb.agents.list(limit=100)
        self.assertIn(agent["id"], [a["id"] for a in listed["data"]])
        self.assertEqual(listed["total"], len(listed["data"]))

        updated = self.hb.agents.update(agent["id"], instructions="Be very brief.", tools_enabled=False)
        self.assertEqual((updated["instructions"], updated["tools_enabled"]), ("Be very brief.", False))

        self.hb.agents.delete(agent["id"])
        with self.assertRaises(NotFoundError):
            self.hb.agents.get(agent["id"])

    def test_a_nameless_agent_is_refused(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            self.hb.agents.create("")
        self.assertEqual(caught.exception.field, "name")

    def test_agent_keys_reach_their_agent_only(self) -> None:
        agent = self.hb.agents.create("Keyed")
        created = self.hb.agents.keys.create(agent["id"], "integration")
        self.assertTrue(created["plainKey"].startswith("hb_agent_"))
        self.assertEqual(created["agentId"], agent["id"])
        listed = self.hb.agents.keys.list(agent["id"])
        self.assertEqual([k["id"] for k in listed["data"]], [created["id"]])

        agent_client = self.client(created["plainKey"])
        self.assertEqual(agent_client.agents.memory(agent["id"]), {"data": [], "total": 0})
        with self.assertRaises(PermissionDeniedError):
            agent_client.agents.get(agent["id"])

        self.assertEqual(self.hb.agents.keys.revoke(agent["id"], created["id"])["status"], "revoked")
        refusal(lambda: agent_client.agents.memory(agent["id"], query="anything"))


class AgentRunTest(GatewayTestCase):
    agent: Agent

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.agent = cls.hb.agents.create("Echo", instructions="Be brief.")

    def test_invoke_async_then_wait_for_the_run(self) -> None:
        started = self.hb.agents.invoke_async(self.agent["id"], "Hello agent!", idempotency_key=unique("run"))
        # Without wait the answer comes before the run has ended.
        self.assertIn(started["status"], ("pending", "running"))
        conversation = started["conversation_id"]
        self.assertTrue(conversation.startswith("conv_"))

        run = self.hb.agents.wait_for(self.agent["id"], conversation, timeout=60, poll_interval=0.2)
        self.assertEqual(run["run_id"], started["run_id"])
        if SCRIPTED_MODEL:
            self.assertEqual(run["status"], "completed")
            self.assertIn("You said: Hello agent!", run["response"])
        else:
            self.assertEqual((run["status"], run["error"]["code"]), ("failed", "model_not_configured"))

        self.assertEqual(self.hb.agents.status(self.agent["id"], conversation)["run_id"], run["run_id"])
        self.assertEqual(self.hb.agents.cancel(self.agent["id"], conversation)["run_id"], run["run_id"])
        conversations = self.hb.agents.conversations(self.agent["id"])
        self.assertIn(conversation, [c["id"] for c in conversations["data"]])
        messages = self.hb.agents.messages(self.agent["id"], conversation)
        self.assertIn("Hello agent!", [m["content"] for m in messages["data"] if m["role"] == "user"])

    def test_status_of_an_unknown_conversation_is_not_found(self) -> None:
        with self.assertRaises(NotFoundError) as caught:
            self.hb.agents.status(self.agent["id"], "conv_doesnotexist")
        self.assertEqual(caught.exception.field, "conversationId")

    def test_invoke_waits_for_the_answer(self) -> None:
        if not SCRIPTED_MODEL:
            self.skipTest(NO_MODEL)
        run = self.hb.agents.invoke(self.agent["id"], "Hello agent!")
        self.assertEqual(run["status"], "completed")
        self.assertIn("You said: Hello agent!", run["response"])
        follow_up = self.hb.agents.invoke(
            self.agent["id"], "And again", conversation_id=run["conversation_id"], multitask_strategy="enqueue"
        )
        self.assertEqual(follow_up["conversation_id"], run["conversation_id"])
        self.assertIn("And again", follow_up["response"])

    def test_an_agent_key_invokes_its_agent(self) -> None:
        if not SCRIPTED_MODEL:
            self.skipTest(NO_MODEL)
        key = self.hb.agents.keys.create(self.agent["id"], "caller")["plainKey"]
        run = self.client(key).agents.invoke(self.agent["id"], "From an agent key")
        self.assertIn("You said: From an agent key", run["response"])


if __name__ == "__main__":
    unittest.main()
