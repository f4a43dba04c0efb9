import { PagePromise } from '../core/pagination.js';
import { Resource, path } from '../core/resource.js';
import { serverSentEvents } from '../core/sse.js';
import { newIdempotencyKey, sleep, type RequestOptions } from '../core/transport.js';
import { HeroBrainError } from '../core/errors.js';
import type {
  Agent,
  AgentMemory,
  AgentPage,
  ApiKey,
  BodyOf,
  Conversation,
  CreatedApiKey,
  McpServer,
  Message,
  Params,
  QueryOf,
  Run,
  Skill,
} from '../types.js';

export type AgentCreateParams = Params<BodyOf<'AgentsController_create'>>;
export type AgentUpdateParams = Params<BodyOf<'AgentsController_update'>>;
export type InvokeParams = Omit<Params<BodyOf<'AgentsController_invoke'>>, 'wait' | 'stream'>;
export type PageParams = { page?: number; limit?: number };

/** What a streamed run sends: the run at once, its text as it is written, its tool calls, and the run as it ended. */
export type RunEvent =
  | { event: 'run'; data: Pick<Run, 'run_id' | 'conversation_id' | 'status'> }
  | { event: 'delta'; data: { text: string } }
  | { event: 'tool'; data: { name: string } }
  | { event: 'done'; data: Run };

export interface WaitOptions extends RequestOptions {
  /** Wait for this run; the conversation's latest when left out. */
  runId?: string;
  /** Between two looks at the status. Default 500 ms. */
  pollIntervalMs?: number;
  /** Give up after this long (a HeroBrainError). Default 5 minutes. */
  waitTimeoutMs?: number;
}

/** The Agent API's pages: `{data, total}`, `page` and `limit` in the query. */
function agentPages<T>(fetch: (query: PageParams) => Promise<AgentPage<T>>, params: PageParams): PagePromise<AgentPage<T>, T> {
  const limit = params.limit ?? 20;
  return new PagePromise(
    (page) => fetch({ ...params, page, limit }),
    params.page ?? 1,
    (page) => page.data,
    (page, pageNumber) => pageNumber * limit < page.total,
  );
}

/** The Agent API (spec 000): agents, their keys, invoke (waiting, in the background, or streamed), conversations and memory. */
export class Agents extends Resource {
  readonly keys = new AgentKeys(this.transport);
  readonly mcpServers = new AgentMcpServers(this.transport);

  create(params: AgentCreateParams, options?: RequestOptions): Promise<Agent> {
    return this.request('POST', '/api/v1/agents', { body: params }, options);
  }

  list(params: PageParams = {}, options?: RequestOptions): PagePromise<AgentPage<Agent>, Agent> {
    return agentPages((query) => this.request('GET', '/api/v1/agents', { query }, options), params);
  }

  get(agentId: string, options?: RequestOptions): Promise<Agent> {
    return this.request('GET', path`/api/v1/agents/${agentId}`, {}, options);
  }

  update(agentId: string, changes: AgentUpdateParams, options?: RequestOptions): Promise<Agent> {
    return this.request('PATCH', path`/api/v1/agents/${agentId}`, { body: changes }, options);
  }

  /** Deletes the agent with its conversations. */
  async delete(agentId: string, options?: RequestOptions): Promise<void> {
    await this.request('DELETE', path`/api/v1/agents/${agentId}`, {}, options);
  }

  /**
   * Runs the agent on a message and answers when the run has ended (`wait: true`). Safe to retry:
   * the call carries an idempotency key, so a repeat returns the first run.
   */
  invoke(agentId: string, params: InvokeParams, options: RequestOptions = {}): Promise<Run> {
    return this.startRun(agentId, { ...params, wait: true }, { timeoutMs: 310_000, ...options });
  }

  /** Starts a run and answers at once (202, status pending): follow it with `waitForRun` or `status`. */
  invokeAsync(agentId: string, params: InvokeParams, options: RequestOptions = {}): Promise<Run> {
    return this.startRun(agentId, { ...params, wait: false }, options);
  }

  /** Runs the agent and yields the run's events as they come; the last is `done`, with the run. */
  async *stream(agentId: string, params: InvokeParams, options: RequestOptions = {}): AsyncGenerator<RunEvent> {
    const { response, release } = await this.transport.stream(
      this.call(
        'POST',
        path`/api/v1/agents/${agentId}/invoke`,
        { body: { ...params, stream: true }, idempotent: true },
        { ...options, idempotencyKey: options.idempotencyKey ?? newIdempotencyKey() },
      ),
    );
    try {
      if (!response.body) throw new HeroBrainError('The stream answered without a body');
      for await (const event of serverSentEvents(response.body)) yield event as RunEvent;
    } finally {
      release();
    }
  }

  /** The conversation's latest run: pending, running, completed (with `response`) or failed (with `error`). */
  status(agentId: string, conversationId: string, options?: RequestOptions): Promise<Run> {
    return this.request('GET', path`/api/v1/agents/${agentId}/invoke/${conversationId}/status`, {}, options);
  }

  /** Polls the conversation's status until the run (the latest, or `runId`) has completed or failed. */
  async waitForRun(agentId: string, conversationId: string, options: WaitOptions = {}): Promise<Run> {
    const { runId, pollIntervalMs = 500, waitTimeoutMs = 300_000, ...request } = options;
    const deadline = Date.now() + waitTimeoutMs;
    for (;;) {
      const run = await this.status(agentId, conversationId, request);
      const ours = !runId || run.run_id === runId;
      if (ours && (run.status === 'completed' || run.status === 'failed')) return run;
      if (Date.now() + pollIntervalMs > deadline) throw new HeroBrainError(`The run had not ended after ${waitTimeoutMs} ms (last status: ${run.status})`);
      await sleep(pollIntervalMs, request.signal);
    }
  }

  /** Cancels the conversation's unfinished runs; they end as failed with error code cancelled. */
  cancel(agentId: string, conversationId: string, options?: RequestOptions): Promise<Run> {
    return this.request('POST', path`/api/v1/agents/${agentId}/invoke/${conversationId}/cancel`, { tenant: 'query' }, options);
  }

  conversations(agentId: string, params: PageParams = {}, options?: RequestOptions): PagePromise<AgentPage<Conversation>, Conversation> {
    return agentPages((query) => this.request('GET', path`/api/v1/agents/${agentId}/conversations`, { query }, options), params);
  }

  /** A conversation's messages, newest first, with their tool calls and token counts. */
  messages(agentId: string, conversationId: string, params: PageParams = {}, options?: RequestOptions): PagePromise<AgentPage<Message>, Message> {
    return agentPages((query) => this.request('GET', path`/api/v1/agents/${agentId}/conversations/${conversationId}/messages`, { query }, options), params);
  }

  /** What the agent remembers: all of it, or the memories closest to `query`. */
  memory(agentId: string, params: Params<QueryOf<'AgentMemoryController_list'>> = {}, options?: RequestOptions): Promise<AgentPage<AgentMemory>> {
    return this.request('GET', path`/api/v1/agents/${agentId}/memory`, { query: params }, options);
  }

  async forget(agentId: string, memoryId: string, options?: RequestOptions): Promise<void> {
    await this.request('DELETE', path`/api/v1/agents/${agentId}/memory/${memoryId}`, {}, options);
  }

  private startRun(agentId: string, body: object, options: RequestOptions): Promise<Run> {
    return this.request('POST', path`/api/v1/agents/${agentId}/invoke`, { body, idempotent: true }, { ...options, idempotencyKey: options.idempotencyKey ?? newIdempotencyKey() });
  }
}

/** Keys that act as one agent only (hb_agent_…): invoke it, read and forget its memory. */
export class AgentKeys extends Resource {
  create(agentId: string, params: Params<BodyOf<'AgentKeysController_create'>>, options?: RequestOptions): Promise<CreatedApiKey> {
    return this.request('POST', path`/api/v1/agents/${agentId}/api-keys`, { body: params }, options);
  }

  async list(agentId: string, options?: RequestOptions): Promise<ApiKey[]> {
    return (await this.request<AgentPage<ApiKey>>('GET', path`/api/v1/agents/${agentId}/api-keys`, {}, options)).data;
  }

  revoke(agentId: string, keyId: string, options?: RequestOptions): Promise<ApiKey> {
    return this.request('POST', path`/api/v1/agents/${agentId}/api-keys/${keyId}/revoke`, { tenant: 'query' }, options);
  }
}

/** Outside MCP servers whose tools the agent may call. Header values are never shown again. */
export class AgentMcpServers extends Resource {
  create(agentId: string, params: Params<BodyOf<'McpServersController_create'>>, options?: RequestOptions): Promise<McpServer> {
    return this.request('POST', path`/api/v1/agents/${agentId}/mcp-servers`, { body: params }, options);
  }

  async list(agentId: string, options?: RequestOptions): Promise<McpServer[]> {
    return (await this.request<AgentPage<McpServer>>('GET', path`/api/v1/agents/${agentId}/mcp-servers`, {}, options)).data;
  }

  get(agentId: string, serverId: string, options?: RequestOptions): Promise<McpServer> {
    return this.request('GET', path`/api/v1/agents/${agentId}/mcp-servers/${serverId}`, {}, options);
  }

  update(agentId: string, serverId: string, changes: Params<BodyOf<'McpServersController_update'>>, options?: RequestOptions): Promise<McpServer> {
    return this.request('PATCH', path`/api/v1/agents/${agentId}/mcp-servers/${serverId}`, { body: changes }, options);
  }

  async delete(agentId: string, serverId: string, options?: RequestOptions): Promise<void> {
    await this.request('DELETE', path`/api/v1/agents/${agentId}/mcp-servers/${serverId}`, {}, options);
  }
}

/** Instructions an agent loads when it needs them; attach one to an agent to offer it. */
export class Skills extends Resource {
  create(params: Params<BodyOf<'SkillsController_create'>>, options?: RequestOptions): Promise<Skill> {
    return this.request('POST', '/api/v1/skills', { body: params }, options);
  }

  list(params: PageParams = {}, options?: RequestOptions): PagePromise<AgentPage<Skill>, Skill> {
    return agentPages((query) => this.request('GET', '/api/v1/skills', { query }, options), params);
  }

  get(skillId: string, options?: RequestOptions): Promise<Skill> {
    return this.request('GET', path`/api/v1/skills/${skillId}`, {}, options);
  }

  update(skillId: string, changes: Params<BodyOf<'SkillsController_update'>>, options?: RequestOptions): Promise<Skill> {
    return this.request('PATCH', path`/api/v1/skills/${skillId}`, { body: changes }, options);
  }

  async delete(skillId: string, options?: RequestOptions): Promise<void> {
    await this.request('DELETE', path`/api/v1/skills/${skillId}`, {}, options);
  }

  attach(agentId: string, skillId: string, options?: RequestOptions): Promise<Agent> {
    return this.request('POST', path`/api/v1/agents/${agentId}/skills/${skillId}`, { tenant: 'query' }, options);
  }

  detach(agentId: string, skillId: string, options?: RequestOptions): Promise<Agent> {
    return this.request('DELETE', path`/api/v1/agents/${agentId}/skills/${skillId}`, {}, options);
  }
}
