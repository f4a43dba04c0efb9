import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { faceOf } from '../../faces/face';
import { RESPONSE_SCHEMAS, integer, list, object, pageOf, ref, string, type Schema, type SchemaName } from './response-schemas';

/** What each operation answers on success; null for an empty body (204). */
const ANSWERS: Record<string, Schema | null> = {
  TenantsController_create: ref('Tenant'),
  TenantsController_list: object({ tenants: list(ref('Tenant')) }),
  TenantsController_get: ref('Tenant'),
  TenantsController_update: ref('Tenant'),

  ApiKeysController_create: ref('CreatedApiKey'),
  ApiKeysController_list: object({ keys: list(ref('ApiKey')) }),
  ApiKeysController_revoke: ref('ApiKey'),
  UsageController_metrics: ref('UsageMetrics'),

  MemoriesController_create: ref('Memory'),
  MemoriesController_list: ref('MemoryPage'),
  MemoriesController_createBatch: ref('MemoryBatchResponse'),
  MemoriesController_search: ref('MemorySearchResponse'),
  MemoriesController_get: ref('Memory'),
  MemoriesController_update: ref('Memory'),
  MemoriesController_remove: ref('DeletedMemory'),
  IntelligenceController_decisionChain: ref('DecisionChain'),
  IntelligenceController_implicitPatterns: ref('ImplicitPatterns'),

  WebhooksController_create: ref('Webhook'),
  WebhooksController_list: object({ webhooks: list(ref('Webhook')) }),
  WebhooksController_get: ref('Webhook'),
  WebhooksController_update: ref('Webhook'),
  WebhooksController_remove: object({ id: string }),
  WebhooksController_test: ref('WebhookTestResult'),
  WebhooksController_deliveries: pageOf('WebhookDelivery'),
  WebhooksController_resend: ref('WebhookDelivery'),
  WebhooksController_recover: object({ recovered: integer }),

  AgentsController_create: ref('Agent'),
  AgentsController_list: pageOf('Agent'),
  AgentsController_get: ref('Agent'),
  AgentsController_update: ref('Agent'),
  AgentsController_remove: null,
  AgentsController_invoke: ref('Run'),
  AgentsController_status: ref('Run'),
  AgentsController_cancel: ref('Run'),
  AgentsController_conversations: pageOf('Conversation'),
  AgentsController_messages: pageOf('Message'),
  AgentKeysController_create: ref('CreatedApiKey'),
  AgentKeysController_list: pageOf('ApiKey'),
  AgentKeysController_revoke: ref('ApiKey'),
  AgentMemoryController_list: pageOf('AgentMemory'),
  AgentMemoryController_remove: null,
  SkillsController_create: ref('Skill'),
  SkillsController_list: pageOf('Skill'),
  SkillsController_get: ref('Skill'),
  SkillsController_update: ref('Skill'),
  SkillsController_remove: null,
  SkillsController_attach: ref('Agent'),
  SkillsController_detach: ref('Agent'),
  McpServersController_create: ref('McpServer'),
  McpServersController_list: pageOf('McpServer'),
  McpServersController_get: ref('McpServer'),
  McpServersController_update: ref('McpServer'),
  McpServersController_remove: null,

  BotsController_create: object({ bot: ref('Bot') }),
  BotsController_read: object({ bot: ref('Bot') }),
  BotsController_update: object({ bot: ref('Bot') }),
  HeartbeatsController_configure: object({ heartbeat: ref('Heartbeat') }),
  HeartbeatsController_readall: object({ heartbeats: list(ref('Heartbeat')) }),
  HeartbeatsController_read: object({ heartbeat: ref('Heartbeat') }),
  HeartbeatsController_enable: object({ heartbeat: ref('Heartbeat') }),
  HeartbeatsController_disable: object({ heartbeat: ref('Heartbeat') }),
  HeartbeatsController_trigger: object({ result: ref('HeartbeatResult') }),
  HeartbeatsController_delete: object({ deleted: { type: 'boolean', enum: [true] }, uuid: string }),
  HeartbeatsController_scheduleTask: object({ task: ref('HeartbeatLog') }),
  HeartbeatsController_logs: object({
    total: integer,
    logs: list(ref('HeartbeatLog')),
    pagination: object({ page: integer, per_page: integer, total: integer, total_pages: integer }),
  }),
  HeartbeatsController_stats: object({ stats: ref('HeartbeatStats') }),

  SystemController_status: object({ status: { type: 'string', enum: ['ok'] } }),
  SystemController_whoami: object({ kind: { type: 'string', enum: ['admin', 'key', 'user'] }, scopes: list(string) }, { keyId: string, userId: string, tenantId: string, agentId: { type: 'string', nullable: true } }),
  SystemController_ping: object({ service: string, instance: string, latencyMs: { type: 'number' } }, { echo: string }),
};

/** Operations that may also answer Server-Sent Events, and what the stream carries. */
const STREAMS: Record<string, string> = {
  AgentsController_invoke:
    'With stream: true, Server-Sent Events: run {run_id, conversation_id, status}, delta {text} as the answer is written, tool {name} when a tool is called, done (the run, as the status route answers it).',
};

/** Probes and the MCP transport speak no JSON API of their own: they are described as they are. */
const UNDESCRIBED = /^(HealthController|McpController)_/;

/**
 * Gives every operation of the document its success and error bodies: the Memory face's envelope
 * around the answer, or the plain body of the Agent and Heartbeat faces. An operation the table
 * does not know, or a name in the table no operation has, is a mistake found at start-up.
 */
export function describeResponses(document: OpenAPIObject): void {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...RESPONSE_SCHEMAS } };
  const described = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item) as OperationObject[]) {
      const id = operation.operationId;
      if (!id || UNDESCRIBED.test(id)) continue;
      if (!(id in ANSWERS)) throw new Error(`OpenAPI: no response schema for ${id}; add it to describe-responses.ts`);
      described.add(id);
      const envelope = faceOf(path) === 'memory';
      const answer = ANSWERS[id];
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!/^2\d\d$/.test(status) || !response || !('description' in response)) continue;
        const schema = answer && (envelope ? object({ success: { type: 'boolean', enum: [true] }, data: answer, metadata: ref('ResponseMetadata') }) : answer);
        const documented = response.content?.['application/json']?.schema;
        const example = documented && 'example' in documented ? documented.example : undefined;
        response.content = schema ? { 'application/json': { schema: example ? { ...schema, example } : schema } } : undefined;
        if (response.content && STREAMS[id] && status === '200') response.content['text/event-stream'] = { schema: { type: 'string', description: STREAMS[id] } };
      }
      operation.responses.default = {
        description: 'An error, in the face’s shape, naming the field where one is at fault.',
        content: { 'application/json': { schema: ref(envelope ? 'MemoryApiError' : 'PlainError' satisfies SchemaName) } },
      };
    }
  }
  const unknown = Object.keys(ANSWERS).filter((id) => !described.has(id));
  if (unknown.length) throw new Error(`OpenAPI: response schemas for operations that do not exist: ${unknown.join(', ')}`);
}
