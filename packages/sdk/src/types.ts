import type { components, operations } from './generated/openapi.js';

/** The API's named shapes, generated from the gateway's OpenAPI document. */
export type Schemas = components['schemas'];

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type Success<R> = R extends Record<infer Status, unknown> ? (Status extends 200 | 201 | 202 ? Json<R[Status]> : never) : never;

/** The JSON body an operation takes. */
export type BodyOf<Op extends keyof operations> = operations[Op] extends { requestBody?: infer Body } ? Json<NonNullable<Body>> : never;
/** The query an operation takes. */
export type QueryOf<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;
/** What an operation answers on success: the Memory face's `data`, or the plain body of the others. */
export type AnswerOf<Op extends keyof operations> =
  Success<operations[Op]['responses']> extends infer Body ? (Body extends { success: true; data: infer Data } ? Data : Body) : never;

/** Fields the client fills in from its options (the tenant), which a caller may still give. */
type Filled = 'tenantId' | 'project_id';
export type Params<T> = Omit<T, Filled> & Partial<Pick<T, Extract<keyof T, Filled>>>;

export type Memory = Schemas['Memory'];
export type MemoryPage = Schemas['MemoryPage'];
export type MemorySearchResult = Schemas['MemorySearchResult'];
export type MemorySearchResponse = Schemas['MemorySearchResponse'];
export type MemoryBatchResponse = Schemas['MemoryBatchResponse'];
export type MemoryType = Memory['type'];
export type ApiKey = Schemas['ApiKey'];
export type CreatedApiKey = Schemas['CreatedApiKey'];
export type UsageMetrics = Schemas['UsageMetrics'];
export type Webhook = Schemas['Webhook'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type WebhookTestResult = Schemas['WebhookTestResult'];
export type DecisionChain = Schemas['DecisionChain'];
export type ImplicitPatterns = Schemas['ImplicitPatterns'];
export type Agent = Schemas['Agent'];
export type Run = Schemas['Run'];
export type RunStatus = Run['status'];
export type Conversation = Schemas['Conversation'];
export type Message = Schemas['Message'];
export type AgentMemory = Schemas['AgentMemory'];
export type Skill = Schemas['Skill'];
export type McpServer = Schemas['McpServer'];
export type Bot = Schemas['Bot'];
export type Heartbeat = Schemas['Heartbeat'];
export type HeartbeatLog = Schemas['HeartbeatLog'];
export type HeartbeatResult = Schemas['HeartbeatResult'];
export type HeartbeatStats = Schemas['HeartbeatStats'];
export type Tenant = Schemas['Tenant'];

/** A page of the Agent API: `{data, total}`. */
export interface AgentPage<T> {
  data: T[];
  total: number;
}
