import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import {
  AgentCommands,
  ANALYSIS_TIMEOUT_MS,
  BUSY_STRATEGIES,
  DomainError,
  HeartbeatCommands,
  MAX_INVOKE_MESSAGE,
  MAX_MEMORY_CONTENT,
  MEMORY_TYPES,
  MemoryCommands,
  RunWaits,
  type BusyStrategy,
} from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import type { TenantPrincipal } from '../auth/principal';
import type { Scope } from '../auth/scopes';
import { HeartbeatAccess } from '../bots/heartbeat-access';
import { MemoryQuotaResolver } from '../memories/memory-quota.resolver';
import { WriteMemoryUseCase } from '../memories/use-cases/write-memory.use-case';

/** How often an invoke that is still running tells the client so. */
const PROGRESS_EVERY_MS = 1000;
type Extra = { _meta?: { progressToken?: string | number }; sendNotification: (n: { method: 'notifications/progress'; params: Record<string, unknown> }) => Promise<void> };

const memoryFields = {
  importance: z.number().min(0).max(1).optional().describe('0 to 1; 0.5 when left out.'),
  tags: z.array(z.string().max(100)).max(100).optional(),
  metadata: z.record(z.string(), z.unknown()).optional().describe('Any JSON object.'),
};
const memoryId = z.string().min(1).max(64).describe('The memory id (mem_…).');

/**
 * The platform as MCP tools, for one caller: a tool is listed only when the caller's key holds its
 * scope, exactly as the REST route it mirrors requires; an agent key (hb_agent_…) gets its agent's
 * memory and runs alone. Each tool sends the same command its REST route sends.
 */
@Injectable()
export class PlatformTools {
  private readonly logger = new Logger(PlatformTools.name);

  constructor(
    private readonly commands: CommandClient,
    private readonly writeMemory: WriteMemoryUseCase,
    private readonly quotas: MemoryQuotaResolver,
    private readonly heartbeats: HeartbeatAccess,
  ) {}

  serverFor(principal: TenantPrincipal): McpServer {
    const server = new McpServer({ name: 'heartbeat-platform', version: '1.0.0' });
    const tenantId = principal.tenantId;
    const agentId = principal.agentId ?? undefined;
    const may = (scope: Scope) => principal.scopes.includes(scope);
    const tool = this.register(server);

    if (may('read:memories')) {
      tool('search_memories', {
        description: `Hybrid semantic and full-text search over ${agentId ? "this agent's" : "the tenant's"} long-term memories; best first, each with its relevance.`,
        inputSchema: {
          query: z.string().min(1).max(1000).describe('What to look for, in plain words.'),
          limit: z.number().int().min(1).max(100).optional().describe('How many; 20 when left out.'),
          type: z.enum(MEMORY_TYPES).optional(),
          tags: z.array(z.string().max(100)).max(100).optional().describe('Only memories with all of these tags.'),
        },
      }, ({ query, limit, type, tags }) =>
        this.commands.request(MemoryCommands.Search, { tenantId, agentId, query, limit: limit ?? 20, type, tags }, { tenantId }));
      tool('get_memory', { description: 'One memory by its id.', inputSchema: { id: memoryId } }, ({ id }) =>
        this.commands.request(MemoryCommands.Get, { tenantId, id, agentId }, { tenantId }));
    }
    if (may('write:memories')) {
      tool('remember', {
        description: 'Store a new long-term memory; it is searchable as soon as this answers.',
        inputSchema: { content: z.string().min(1).max(MAX_MEMORY_CONTENT), type: z.enum(MEMORY_TYPES).describe('episodic for events, semantic for facts, procedural for how-tos, and so on.'), ...memoryFields },
      }, (memory) => this.writeMemory.execute({ principal, tenantId, agentId, body: memory }));
      tool('update_memory', {
        description: "Change a memory's content, importance, tags or metadata; what is left out stays.",
        inputSchema: { id: memoryId, content: z.string().min(1).max(MAX_MEMORY_CONTENT).optional(), ...memoryFields },
      }, ({ id, ...changes }) => this.writeMemory.execute({ principal, tenantId, agentId, id, body: changes }));
      tool('forget_memory', { description: 'Delete a memory for good.', inputSchema: { id: memoryId } }, async ({ id }) => {
        await this.commands.request(MemoryCommands.Delete, { tenantId, id, agentId }, { tenantId });
        return { id, deleted: true };
      });
    }
    if (may('read:memories') && !agentId) {
      tool('decision_chain', {
        description: 'The memories that bear on a topic, in time order, each linked to what led to it, decisions marked.',
        inputSchema: { topic: z.string().min(1).max(1000) },
      }, ({ topic }) => this.commands.request(MemoryCommands.DecisionChain, { tenantId, topic }, { tenantId, timeoutMs: ANALYSIS_TIMEOUT_MS }));
    }
    if (may('invoke:agents')) {
      // An agent key names no agent: it reaches its own.
      const agentParam: z.ZodRawShape = agentId ? {} : { agent_id: z.string().min(1).max(64).describe('The agent (agt_…).') };
      type AgentInput = { agent_id?: string; conversation_id?: string; message?: string; multitask_strategy?: BusyStrategy };
      tool('invoke_agent', {
        description: 'Send a message to an agent and wait for its answer (progress is reported while it runs). Give conversation_id to continue a conversation.',
        inputSchema: {
          ...agentParam,
          message: z.string().min(1).max(MAX_INVOKE_MESSAGE),
          conversation_id: z.string().min(1).max(64).optional(),
          multitask_strategy: z.enum(BUSY_STRATEGIES).optional().describe('When the conversation has a run going: reject, enqueue (the default) or interrupt it.'),
        },
      }, async (raw, extra) => {
        const input = raw as AgentInput & { message: string };
        const target = agentId ?? input.agent_id!;
        const memoryQuota = await this.quotas.resolve(principal, tenantId);
        const run = this.commands.request(
          AgentCommands.Invoke,
          { tenantId, agentId: target, message: input.message, conversationId: input.conversation_id, ifBusy: input.multitask_strategy, wait: true, trigger: 'api', memoryQuota },
          { tenantId, timeoutMs: RunWaits.invoke },
        );
        return withProgress(extra as Extra, run);
      });
      tool('run_status', {
        description: "A conversation's latest run: pending, running, completed (with the response) or failed (with the error).",
        inputSchema: { ...agentParam, conversation_id: z.string().min(1).max(64) },
      }, (raw) => {
        const input = raw as AgentInput & { conversation_id: string };
        return this.commands.request(AgentCommands.RunStatus, { tenantId, agentId: agentId ?? input.agent_id!, conversationId: input.conversation_id }, { tenantId });
      });
    }
    const bot = { bot_id: z.string().min(1).max(64).describe('The bot (the agent, agt_…).') };
    // Heartbeats are the tenant's: an agent key holds no heartbeat scope, and gets no heartbeat tool either way.
    if (may('read:heartbeats') && !agentId) {
      tool('list_heartbeats', { description: "A bot's heartbeats: schedule, prompt, enabled, last run.", inputSchema: bot }, ({ bot_id }) =>
        this.commands.request(HeartbeatCommands.List, { tenantId, botId: bot_id }, { tenantId }));
      tool('heartbeat_logs', {
        description: "A bot's heartbeat runs, newest first, each with its status, response or error.",
        inputSchema: { ...bot, heartbeat_id: z.string().min(1).max(64).optional(), limit: z.number().int().min(1).max(100).optional() },
      }, ({ bot_id, heartbeat_id, limit }) =>
        this.commands.request(HeartbeatCommands.Logs, { tenantId, botId: bot_id, heartbeatId: heartbeat_id, page: 1, perPage: limit ?? 20 }, { tenantId }));
    }
    if (may('write:heartbeats') && !agentId) {
      tool('trigger_heartbeat', {
        description: 'Run a heartbeat once now, enabled or not, and wait for its result.',
        inputSchema: { ...bot, heartbeat_id: z.string().min(1).max(64) },
      }, async ({ bot_id, heartbeat_id }, extra) => {
        const { memoryQuota } = await this.heartbeats.mayRun(principal, tenantId, bot_id);
        const result = this.commands.request(
          HeartbeatCommands.Trigger,
          { tenantId, botId: bot_id, heartbeatId: heartbeat_id, memoryQuota },
          { tenantId, timeoutMs: RunWaits.trigger },
        );
        return withProgress(extra as Extra, result);
      });
    }
    return server;
  }

  /** registerTool, answering a tool's value as JSON text and a refusal as an error result naming its field. */
  private register(server: McpServer) {
    return <S extends z.ZodRawShape>(
      name: string,
      config: { description: string; inputSchema: S },
      run: (input: z.infer<z.ZodObject<S>>, extra: unknown) => Promise<unknown>,
    ) =>
      server.registerTool(name, config, (async (input: z.infer<z.ZodObject<S>>, extra: unknown): Promise<CallToolResult> => {
        try {
          return { content: [{ type: 'text', text: JSON.stringify(await run(input, extra), null, 2) }] };
        } catch (error) {
          if (!(error instanceof DomainError)) {
            // Never the raw message of an unexpected failure: it may say more than the caller should see.
            const errorId = randomUUID();
            this.logger.error(`MCP tool ${name} failed (${errorId}): ${error instanceof Error ? error.stack : String(error)}`);
            return { isError: true, content: [{ type: 'text', text: `INTERNAL_ERROR: Internal error (id ${errorId})` }] };
          }
          const where = error.field ? ` (${error.field})` : '';
          return { isError: true, content: [{ type: 'text', text: `${error.code}: ${error.message}${where}` }] };
        }
      }) as never);
  }
}

/** Waits for `work`, telling a client that asked for progress (a progressToken) that it goes on. */
async function withProgress<T>(extra: Extra, work: Promise<T>): Promise<T> {
  const token = extra._meta?.progressToken;
  if (token === undefined) return work;
  let progress = 0;
  const report = () =>
    void extra
      .sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: ++progress, message: 'still running' } })
      .catch(() => undefined);
  report();
  const timer = setInterval(report, PROGRESS_EVERY_MS);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
