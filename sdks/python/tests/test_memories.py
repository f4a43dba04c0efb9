"""Memories against the real gateway: CRUD, pages, batch, search, intelligence and usage."""

from __future__ import annotations

import unittest
from typing import Set

from _support import GatewayTestCase, require_gateway, unique

from herobrain import NotFoundError
from herobrain.types import Memory


def setUpModule() -> None:
    require_gateway()


class MemoryCrudTest(GatewayTestCase):
    def test_create_get_update_delete(self) -> None:
        created = self.hb.memories.create(
            content="Met with Sarah about Q4 goals",
            type="episodic",
            importance=0.8,
            tags=["meeting", "q4"],
            metadata={"source": "meeting", "contact_name": "Sarah Chen"},
        )
        self.assertTrue(created["id"].startswith("mem_"))
        self.assertEqual(created["importance"], 0.8)
        self.assertEqual(created["tags"], ["meeting", "q4"])

        fetched = self.hb.memories.get(created["id"])
        self.assertEqual(fetched["content"], "Met with Sarah about Q4 goals")
        self.assertEqual(fetched["metadata"], {"source": "meeting", "contact_name": "Sarah Chen"})

        updated = self.hb.memories.update(created["id"], importance=0.9, tags=["meeting", "q4", "important"])
        self.assertEqual(updated["importance"], 0.9)
        self.assertEqual(updated["tags"], ["meeting", "q4", "important"])
        self.assertEqual(updated["content"], "Met with Sarah about Q4 goals")

        self.assertEqual(self.hb.memories.delete(created["id"]), {"id": created["id"], "deleted": True})
        with self.assertRaises(NotFoundError):
            self.hb.memories.get(created["id"])

    def test_idempotency_key_answers_the_first_memory(self) -> None:
        key = unique("idem")
        first = self.hb.memories.create(content="Send the Q4 deck", type="task", idempotency_key=key)
        again = self.hb.memories.create(content="Send the Q4 deck", type="task", idempotency_key=key)
        self.assertEqual(again["id"], first["id"])

    def test_create_batch_answers_one_line_per_item(self) -> None:
        answer = self.hb.memories.create_batch(
            [
                {"content": "Sarah prefers written summaries", "type": "semantic"},
                {"content": "Book the offsite venue", "type": "task", "importance": 0.7, "tags": ["offsite"]},
                {"content": "", "type": "semantic"},
            ]
        )
        self.assertEqual((answer["created"], answer["failed"]), (2, 1))
        self.assertEqual([r["status"] for r in answer["results"]], ["created", "created", "failed"])
        self.assertEqual(answer["results"][1]["memory"]["tags"], ["offsite"])
        self.assertEqual(answer["results"][2]["error"]["field"], "memories[2].content")


class MemoryListTest(GatewayTestCase):
    tag: str
    ids: Set[str]

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.tag = unique("page")
        batch = cls.hb.memories.create_batch(
            [
                {"content": f"Roadmap note {i}", "type": "procedural", "importance": i / 10, "tags": [cls.tag]}
                for i in range(1, 6)
            ]
        )
        cls.ids = {r["memory"]["id"] for r in batch["results"]}

    def test_list_answers_one_page(self) -> None:
        page = self.hb.memories.list(limit=2, tags=[self.tag])
        self.assertEqual(len(page["memories"]), 2)
        pagination = page["pagination"]
        self.assertEqual((pagination["page"], pagination["total"], pagination["pages"]), (1, 5, 3))
        self.assertTrue(pagination["hasNext"])
        self.assertFalse(pagination["hasPrevious"])

    def test_list_sorts_and_filters(self) -> None:
        page = self.hb.memories.list(tags=self.tag, type="procedural", sort="importance", order="asc")
        importances = [m["importance"] for m in page["memories"]]
        self.assertEqual(importances, [0.1, 0.2, 0.3, 0.4, 0.5])
        self.assertEqual(self.hb.memories.list(tags=self.tag, type="episodic")["memories"], [])

    def test_list_all_walks_every_page(self) -> None:
        walked = [m["id"] for m in self.hb.memories.list_all(limit=2, tags=[self.tag])]
        self.assertEqual(len(walked), 5)
        self.assertEqual(set(walked), self.ids)

    def test_iterating_the_resource_yields_every_memory(self) -> None:
        self.assertTrue(self.ids <= {m["id"] for m in self.hb.memories})


class MemorySearchTest(GatewayTestCase):
    memory: Memory

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.memory = cls.hb.memories.create(
            content="Quarterly planning: the zebra migration project moves to January", type="decision"
        )
        cls.hb.memories.create(content="Lunch with the design team on Friday", type="episodic")

    def test_search_finds_the_memory_by_its_words(self) -> None:
        found = self.hb.memories.search(query="zebra migration project", limit=5)
        self.assertEqual(found["query"], "zebra migration project")
        self.assertEqual(found["results"][0]["id"], self.memory["id"])
        self.assertGreater(found["results"][0]["relevance"], 0.7)
        self.assertIsInstance(found["latency"], int)

    def test_search_filters_by_relevance_and_type(self) -> None:
        strict = self.hb.memories.search(query="zebra migration project", min_relevance=0.7)
        self.assertEqual([r["id"] for r in strict["results"]], [self.memory["id"]])
        other_type = self.hb.memories.search(query="zebra migration project", type="episodic", min_relevance=0.7)
        self.assertEqual(other_type["results"], [])

    def test_decision_chain_and_implicit_patterns(self) -> None:
        chain = self.hb.intelligence.decision_chain(
            "zebra migration", time_range={"from": "2020-01-01T00:00:00Z", "to": "2100-01-01T00:00:00Z"}
        )
        self.assertEqual(chain["topic"], "zebra migration")
        self.assertIn(self.memory["id"], [step["id"] for step in chain["steps"]])
        patterns = self.hb.intelligence.implicit_patterns(min_occurrences=2)
        self.assertEqual(patterns["analyzed"], 2)

    def test_usage_metrics_count_the_tenants_memories(self) -> None:
        metrics = self.hb.usage.metrics()
        self.assertEqual(metrics["memories"]["count"], 2)
        self.assertGreater(metrics["apiCalls"]["today"], 0)
        self.assertIsNone(metrics["apiCalls"]["limit"])


if __name__ == "__main__":
    unittest.main()
