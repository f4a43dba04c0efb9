import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  ErrorCodes,
  FINISHED_LOG_STATUSES,
  MEMORY_TYPES,
  RUN_STATUSES,
  WEBHOOK_EVENTS,
} from '@hb/contracts';

/**
 * The shapes the gateway answers, as OpenAPI schemas: what the views in @hb/contracts and the
 * gateway's own views say in TypeScript, written once more for clients (the SDK's types are
 * generated from them). The whole-platform SDK suite checks every answer it receives against these,
 * so a view that changes without its schema fails there.
 */

type Schema = SchemaObject | ReferenceObject;

const string: SchemaObject = { type: 'string' };
const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
const integer: SchemaObject = { type: 'integer' };
const number: SchemaObject = { type: 'number' };
const boolean: SchemaObject = { type: 'boolean' };
const anything: SchemaObject = {};
const freeObject: SchemaObject = { type: 'object', additionalProperties: true };

const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const oneOf = (...values: readonly (string | number | boolean)[]): SchemaObject => ({ type: typeof values[0] as 'string', enum: [...values] });
const list = (items: Schema): SchemaObject => ({ type: 'array', items });
export const ref = (name: SchemaName): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

/** An object: every field of `required` is always there; those of `optional` only sometimes. */
function object(required: Record<string, Schema>, optional: Record<string, Schema> = {}): SchemaObject {
  return { type: 'object', required: Object.keys(required), properties: { ...required, ...optional } };
}

const errorDetail = object({ code: oneOf(...Object.values(ErrorCodes)), message: string }, { field: string });
const metadata = object({ request_id: string, timestamp: dateTime, version: oneOf('v1') });
const rateLimit = object({ requestsPerMinute: integer, requestsPerHour: integer, requestsPerDay: integer });
const runError = object({ code: string, message: string });
const limitOrNone = nullable(integer);

const memory = object(
  { id: string, content: string, type: oneOf(...MEMORY_TYPES), importance: number, tags: list(string), metadata: freeObject, createdAt: dateTime, updatedAt: dateTime },
  { agentId: string },
);

const apiKeyFields = {
  id: string,
  name: string,
  keyPrefix: string,
  environment: string,
  scopes: list(string),
  rateLimit,
  createdAt: dateTime,
};

const heartbeatLog = object({
  uuid: string,
  heartbeat_id: nullable(string),
  member_id: nullable(string),
  type: oneOf('heartbeat', 'manual', 'scheduled_task'),
  status: oneOf('queued', 'running', ...FINISHED_LOG_STATUSES),
  prompt: string,
  response: nullable(string),
  error: nullable(runError),
  duration_ms: nullable(integer),
  tokens_used: nullable(integer),
  credits_charged: nullable(number),
  run_id: nullable(string),
  scheduled_for: dateTime,
  created_at: dateTime,
});

const heartbeat = object({
  uuid: string,
  project_id: string,
  bot_id: string,
  member_id: nullable(string),
  prompt: string,
  interval_minutes: nullable(integer),
  cron_pattern: nullable(string),
  enabled: oneOf(0, 1),
  timezone: string,
  active_hours_start: nullable(string),
  active_hours_end: nullable(string),
  active_days: nullable(string),
  credit_budget: nullable(number),
  credits_used: number,
  execution_count: integer,
  error_count: integer,
  consecutive_errors: integer,
  max_consecutive_errors: integer,
  // OpenAPI 3.0: a nullable enum lists null among its values.
  last_status: { type: 'string', enum: [...FINISHED_LOG_STATUSES, null], nullable: true },
  last_run_at: nullable(dateTime),
  next_run_at: nullable(dateTime),
  paused_reason: nullable(string),
  created_at: dateTime,
  updated_at: dateTime,
});

const attempt = object({ attemptedAt: dateTime, statusCode: nullable(integer), latencyMs: integer, error: nullable(string), responseExcerpt: nullable(string) });
const patternOccurrence = { occurrences: integer, memoryIds: list(string) };

/** Named shapes, in the document's components: the SDK exports a type for each. */
export const RESPONSE_SCHEMAS = {
  ErrorDetail: errorDetail,
  ResponseMetadata: metadata,
  /** The Memory API's error body (everything under /api/v1 but agents and skills). */
  MemoryApiError: object({ success: oneOf(false), errors: list(errorDetail), metadata }),
  /** The Agent and Heartbeat APIs' error body. */
  PlainError: object({ error: errorDetail }),

  Tenant: object({
    id: string,
    name: string,
    plan: string,
    limits: object({ requestsPerMonth: limitOrNone, memories: limitOrNone, storageBytes: limitOrNone, heartbeatsAllowed: boolean, minHeartbeatIntervalMinutes: integer }),
    limitOverrides: freeObject,
    createdAt: dateTime,
    updatedAt: dateTime,
  }),
  ApiKey: object(
    { ...apiKeyFields, status: oneOf('active', 'revoked', 'expired'), lastUsedAt: nullable(dateTime) },
    { agentId: string, expiresAt: dateTime, revokedAt: dateTime },
  ),
  CreatedApiKey: object({ ...apiKeyFields, plainKey: string }, { agentId: string, expiresAt: dateTime }),
  UsageMetrics: object({
    apiCalls: object({ today: integer, thisMonth: integer, limit: limitOrNone }),
    memories: object({ count: integer, limit: limitOrNone }),
    storage: object({ used: integer, limit: limitOrNone }),
  }),

  Memory: memory,
  MemoryPage: object({
    memories: list(memory),
    pagination: object({ page: integer, limit: integer, total: integer, pages: integer, hasNext: boolean, hasPrevious: boolean }),
  }),
  MemorySearchResult: object(
    { id: string, content: string, type: oneOf(...MEMORY_TYPES), relevance: number, importance: number, tags: list(string), metadata: freeObject, createdAt: dateTime },
    { agentId: string },
  ),
  MemorySearchResponse: object({ results: list({ $ref: '#/components/schemas/MemorySearchResult' } satisfies ReferenceObject), query: string, latency: number }),
  MemoryBatchResponse: object({
    created: integer,
    failed: integer,
    results: list(object({ index: integer, status: oneOf('created', 'failed') }, { memory, error: errorDetail })),
  }),
  DeletedMemory: object({ id: string, deleted: oneOf(true) }),
  DecisionChain: object({
    topic: string,
    steps: list(
      object({ id: string, content: string, type: oneOf(...MEMORY_TYPES), createdAt: dateTime, relevance: number, isDecision: boolean, ledFrom: nullable(string), linkReasons: list(string) }),
    ),
    decisions: integer,
    timeRange: object({ from: nullable(dateTime), to: nullable(dateTime) }),
    narrative: nullable(string),
  }),
  ImplicitPatterns: object({
    themes: list(object({ ...patternOccurrence, label: string })),
    tagCombinations: list(object({ ...patternOccurrence, tags: list(string) })),
    timeRegularities: list(object({ ...patternOccurrence, kind: oneOf('weekday', 'hour'), value: { oneOf: [string, integer] } })),
    analyzed: integer,
  }),

  Webhook: object(
    { id: string, name: string, url: string, events: list(oneOf(...WEBHOOK_EVENTS)), status: oneOf('active', 'inactive', 'disabled'), createdAt: dateTime, updatedAt: dateTime },
    { disabledReason: string },
  ),
  WebhookTestResult: object({ ...(attempt.properties as Record<string, Schema>), delivered: boolean }),
  WebhookDelivery: object({
    id: string,
    event: string,
    status: oneOf('pending', 'delivered', 'failed'),
    attempts: list(attempt),
    nextAttemptAt: nullable(dateTime),
    createdAt: dateTime,
    deliveredAt: nullable(dateTime),
  }),

  Agent: object({
    id: string,
    name: string,
    instructions: string,
    model: nullable(string),
    max_tokens: integer,
    tools_enabled: boolean,
    heartbeat: boolean,
    skills: list(object({ id: string, name: string, description: string })),
    created_at: dateTime,
    updated_at: dateTime,
  }),
  Run: object(
    { run_id: string, status: oneOf(...RUN_STATUSES), conversation_id: string, created_at: dateTime },
    {
      response: string,
      error: runError,
      usage: object({ input_tokens: integer, output_tokens: integer, credits: number }),
      finished_at: dateTime,
      replayed: oneOf(true),
    },
  ),
  Conversation: object({ id: string, agent_id: string, created_at: dateTime, updated_at: dateTime, messages: integer }),
  Message: object({
    id: string,
    role: oneOf('user', 'assistant'),
    content: string,
    tool_calls: list(object({ id: string, name: string, input: anything }, { output: anything, is_error: boolean, server: string })),
    input_tokens: integer,
    output_tokens: integer,
    run_id: string,
    created_at: dateTime,
  }),
  AgentMemory: object({ id: string, type: string, content: string, confidence: number, source_conversation: nullable(string), created_at: dateTime }),
  Skill: object({ id: string, name: string, description: string, instructions: string, created_at: dateTime, updated_at: dateTime }),
  McpServer: object({
    id: string,
    agent_id: string,
    name: string,
    url: string,
    header_names: list(string),
    timeout_ms: integer,
    created_at: dateTime,
    updated_at: dateTime,
  }),

  Bot: object({ id: string, project_id: string, name: string, instructions: string, model: nullable(string), heartbeat: boolean, created_at: dateTime, updated_at: dateTime }),
  Heartbeat: heartbeat,
  HeartbeatLog: heartbeatLog,
  HeartbeatResult: object({
    log_id: string,
    status: oneOf(...FINISHED_LOG_STATUSES),
    response: nullable(string),
    error: nullable(runError),
    duration_ms: nullable(integer),
    tokens_used: nullable(integer),
    credits_charged: nullable(number),
  }),
  HeartbeatStats: object({
    total_executions: integer,
    success_count: integer,
    error_count: integer,
    skipped_count: integer,
    success_rate: number,
    total_tokens: integer,
    total_credits: number,
    avg_duration_ms: number,
    active_heartbeats: integer,
    by_type: { type: 'object', additionalProperties: object({ count: integer, success_rate: number }) },
    time_series: list(object({ date: string, total: integer, success: integer, error: integer, skipped: integer })),
  }),
} satisfies Record<string, SchemaObject>;

export type SchemaName = keyof typeof RESPONSE_SCHEMAS;

/** A page of the Agent API: `{data, total}`. */
export const pageOf = (name: SchemaName): SchemaObject => object({ data: list(ref(name)), total: integer });
export { object, list, string, integer, type Schema };
