"""Memories (Memory API): create, read, list, update, delete and search."""

from __future__ import annotations

from typing import Any, Dict, Iterator, Mapping, Optional, Sequence, Union

from ..types import BatchResult, Memory, MemoryPage, SearchResults
from ._base import Resource, new_idempotency_key, q

Tags = Union[Sequence[str], str]


class Memories(Resource):
    """``/api/v1/memories``: the tenant's memories."""

    def create(
        self,
        content: str,
        type: str,
        importance: Optional[float] = None,
        tags: Optional[Sequence[str]] = None,
        metadata: Optional[Mapping[str, Any]] = None,
        idempotency_key: Optional[str] = None,
        *,
        timeout: Optional[float] = None,
    ) -> Memory:
        """Store a memory; it is searchable once this returns.

        Safe to retry: the call carries ``idempotency_key`` (a new random one when not given), so a
        repeat (the client's own retries after a 503, a 504 or a dropped connection, or yours with
        the same key) answers the memory the first attempt stored.
        """
        body = {
            "content": content,
            "type": type,
            "importance": importance,
            "tags": None if tags is None else list(tags),
            "metadata": metadata,
            "tenantId": self._tenant_id,
        }
        return self._transport.request(
            "POST",
            "/api/v1/memories",
            body=body,
            idempotency_key=idempotency_key or new_idempotency_key(),
            timeout=timeout,
        )

    def create_batch(self, memories: Sequence[Mapping[str, Any]], *, timeout: Optional[float] = None) -> BatchResult:
        """Store up to 100 memories (each ``{content, type, importance?, tags?, metadata?}``).

        Answers ``{created, failed, results}``, one result per item in order; a failed item names
        its field (``memories[1].content``) and the others are still stored.
        """
        body = {"memories": [dict(m) for m in memories], "tenantId": self._tenant_id}
        return self._transport.request("POST", "/api/v1/memories/batch", body=body, timeout=timeout)

    def get(self, id: str, *, timeout: Optional[float] = None) -> Memory:
        """One memory by id."""
        return self._transport.request("GET", f"/api/v1/memories/{q(id)}", query=self._tenant_query(), timeout=timeout)

    def list(
        self,
        page: Optional[int] = None,
        limit: Optional[int] = None,
        type: Optional[str] = None,
        sort: Optional[str] = None,
        order: Optional[str] = None,
        tags: Optional[Tags] = None,
        *,
        timeout: Optional[float] = None,
    ) -> MemoryPage:
        """One page of memories: ``{memories, pagination}``.

        ``sort`` is ``createdAt`` (default), ``importance`` or ``updatedAt``; ``order`` is ``desc``
        (default) or ``asc``; ``tags`` (a list or a comma-separated string) keeps memories
        carrying them; ``limit`` is at most 100.
        """
        query = {
            "tenantId": self._tenant_id,
            "page": page,
            "limit": limit,
            "type": type,
            "sort": sort,
            "order": order,
            "tags": tags,
        }
        return self._transport.request("GET", "/api/v1/memories", query=query, timeout=timeout)

    def list_all(self, **filters: Any) -> Iterator[Memory]:
        """Every memory matching the filters of :meth:`list`, page after page, as one iterator.

        ``limit`` sets the page size (default 100); ``page`` sets the first page.
        """
        filters.setdefault("limit", 100)
        page = filters.pop("page", None) or 1
        while True:
            answer = self.list(page=page, **filters)
            yield from answer["memories"]
            if not answer["pagination"].get("hasNext"):
                return
            page += 1

    def __iter__(self) -> Iterator[Memory]:
        """Iterate over every memory of the tenant, newest first."""
        return self.list_all()

    def update(self, id: str, *, timeout: Optional[float] = None, **changes: Any) -> Memory:
        """Change ``content``, ``importance``, ``tags`` or ``metadata``; answers the memory."""
        body: Dict[str, Any] = dict(tenantId=self._tenant_id)
        return self._transport.request(
            "PATCH", f"/api/v1/memories/{q(id)}", body=body, explicit=changes, timeout=timeout
        )

    def delete(self, id: str, *, timeout: Optional[float] = None) -> Dict[str, Any]:
        """Delete a memory permanently; answers ``{id, deleted: true}``."""
        return self._transport.request(
            "DELETE", f"/api/v1/memories/{q(id)}", query=self._tenant_query(), timeout=timeout
        )

    def search(
        self,
        query: str,
        limit: Optional[int] = None,
        type: Optional[str] = None,
        min_relevance: Optional[float] = None,
        tags: Optional[Sequence[str]] = None,
        *,
        timeout: Optional[float] = None,
    ) -> SearchResults:
        """Hybrid semantic search: ``{results, query, latency}``, best first.

        Each result carries ``relevance`` (0 to 1); ``min_relevance`` drops the weaker ones.
        """
        body = {
            "query": query,
            "tenantId": self._tenant_id,
            "limit": limit,
            "type": type,
            "minRelevance": min_relevance,
            "tags": None if tags is None else list(tags),
        }
        return self._transport.request("POST", "/api/v1/memories/search", body=body, timeout=timeout)
