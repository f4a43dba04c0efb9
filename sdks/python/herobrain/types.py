"""Shapes of the main objects the API answers, as they arrive on the wire (plain dicts)."""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Optional, TypedDict

MemoryType = Literal[
    "episodic",
    "semantic",
    "procedural",
    "working",
    "prospective",
    "emotional",
    "contextual",
    "identity",
    "relational",
    "event",
    "predictive",
    "task",
    "decision",
]

RunStatusName = Literal["pending", "running", "completed", "failed"]


class Memory(TypedDict, total=False):
    id: str
    content: str
    type: MemoryType
    importance: float
    tags: List[str]
    metadata: Dict[str, Any]
    createdAt: str
    updatedAt: str


class Pagination(TypedDict):
    page: int
    limit: int
    total: int
    pages: int
    hasNext: bool
    hasPrevious: bool


class MemoryPage(TypedDict):
    memories: List[Memory]
    pagination: Pagination


class SearchResult(Memory, total=False):
    relevance: float


class SearchResults(TypedDict):
    results: List[SearchResult]
    query: str
    latency: int


class BatchItem(TypedDict, total=False):
    index: int
    status: Literal["created", "failed"]
    memory: Memory
    error: Dict[str, Any]


class BatchResult(TypedDict):
    created: int
    failed: int
    results: List[BatchItem]


TimeRange = TypedDict("TimeRange", {"from": str, "to": str}, total=False)


class ApiKey(TypedDict, total=False):
    id: str
    name: str
    keyPrefix: str
    plainKey: str
    environment: str
    scopes: List[str]
    rateLimit: Dict[str, int]
    status: str
    lastUsedAt: Optional[str]
    revokedAt: Optional[str]
    expiresAt: Optional[str]
    createdAt: str


class Webhook(TypedDict, total=False):
    id: str
    name: str
    url: str
    events: List[str]
    status: str
    createdAt: str
    updatedAt: str


class WebhookAttempt(TypedDict, total=False):
    delivered: bool
    attemptedAt: str
    statusCode: Optional[int]
    latencyMs: int
    error: Optional[str]
    responseExcerpt: Optional[str]


class Tenant(TypedDict, total=False):
    id: str
    name: str
    plan: str
    limits: Dict[str, Any]
    limitOverrides: Dict[str, Any]
    createdAt: str
    updatedAt: str


class Agent(TypedDict, total=False):
    id: str
    name: str
    instructions: str
    model: Optional[str]
    max_tokens: int
    tools_enabled: bool
    heartbeat: bool
    skills: List[Any]
    created_at: str
    updated_at: str


class AgentKey(TypedDict, total=False):
    id: str
    name: str
    keyPrefix: str
    plainKey: str
    environment: str
    scopes: List[str]
    agentId: str
    status: str
    createdAt: str


class Run(TypedDict, total=False):
    """An agent run: what invoke, status and cancel answer."""

    run_id: str
    status: RunStatusName
    conversation_id: str
    response: Optional[str]
    error: Optional[Dict[str, Any]]
    usage: Dict[str, int]
    created_at: str
    finished_at: Optional[str]


class Heartbeat(TypedDict, total=False):
    uuid: str
    project_id: str
    bot_id: str
    member_id: Optional[str]
    prompt: str
    interval_minutes: Optional[int]
    cron_pattern: Optional[str]
    enabled: int
    timezone: str
    active_hours_start: Optional[str]
    active_hours_end: Optional[str]
    active_days: Optional[str]
    credit_budget: Optional[float]
    credits_used: float
    execution_count: int
    error_count: int
    consecutive_errors: int
    max_consecutive_errors: int
    last_status: Optional[str]
    last_run_at: Optional[str]
    next_run_at: Optional[str]
    paused_reason: Optional[str]
    created_at: str
    updated_at: str
