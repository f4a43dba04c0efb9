import { Injectable, Logger } from '@nestjs/common';
import type Anthropic from '@anthropic-ai/sdk';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { InjectEnv, guardedFetch, type Fetch } from '@hb/platform';
import type { AgentRuntimeEnv } from '../config/env';
import type { McpServerRow } from './mcp-servers.repository';
import { McpServersService } from './mcp-servers.service';

/** Tool names the model may be given (the Messages API's rule). */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
/** Tools taken from one server; past this its list is cut. */
const MAX_TOOLS_PER_SERVER = 64;
/** What a tool call may put before the model; longer results are cut. */
const MAX_RESULT_CHARS = 50_000;

export interface McpCallOutcome {
  output: string;
  isError: boolean;
  server: string;
}

interface Connected {
  server: McpServerRow;
  client: Client;
}

/**
 * The MCP servers of one run, connected: their tools as the model is given them, named
 * `<server>__<tool>`, and the calls to them. Closed when the run's turn ends.
 */
export class McpSession {
  constructor(
    readonly tools: Anthropic.Tool[],
    /** Servers whose tools the run lacks, and why: the model is told. */
    readonly unavailable: Array<{ server: string; reason: string }>,
    private readonly routes: Map<string, { connected: Connected; tool: string }>,
    private readonly clients: Client[],
  ) {}

  static readonly empty = new McpSession([], [], new Map(), []);

  owns(name: string): boolean {
    return this.routes.has(name);
  }

  /** Calls the tool the model named, within its server's timeout; a failure is a result the model reads, never a thrown error. */
  async call(name: string, input: Record<string, unknown>, signal: AbortSignal): Promise<McpCallOutcome> {
    const { connected, tool } = this.routes.get(name)!;
    const { server, client } = connected;
    try {
      const result = (await client.callTool({ name: tool, arguments: input }, undefined, { timeout: server.timeout_ms, signal })) as CallToolResult;
      return { output: textOf(result), isError: result.isError === true, server: server.name };
    } catch (error) {
      return { output: failureOf(server, error), isError: true, server: server.name };
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.close().catch(() => undefined)));
  }
}

/**
 * Connects a run to its agent's MCP servers (Streamable HTTP, with the official SDK's client) and
 * lists their tools, each server within its own timeout and in parallel. Every connection goes
 * through the outbound guard webhooks use: private and local addresses are refused unless
 * WEBHOOK_ALLOWED_HOSTS names the host, and redirects are not followed. A server that cannot be
 * reached costs the run its tools, not the run.
 */
@Injectable()
export class McpToolbox {
  private readonly logger = new Logger(McpToolbox.name);
  private readonly fetch: Fetch;

  constructor(
    private readonly servers: McpServersService,
    @InjectEnv() env: AgentRuntimeEnv,
  ) {
    this.fetch = guardedFetch(env.WEBHOOK_ALLOWED_HOSTS);
  }

  /** The agent's servers, for a run to open: read beside the agent, before the turn. */
  serversOf(agentId: string): Promise<McpServerRow[]> {
    return this.servers.forRun(agentId);
  }

  async open(servers: McpServerRow[], reserved: string[], signal: AbortSignal): Promise<McpSession> {
    if (servers.length === 0) return McpSession.empty;
    const settled = await Promise.allSettled(servers.map((server) => this.connect(server, signal)));
    const tools: Anthropic.Tool[] = [];
    const unavailable: McpSession['unavailable'] = [];
    const routes = new Map<string, { connected: Connected; tool: string }>();
    const clients: Client[] = [];
    const taken = new Set(reserved);
    settled.forEach((outcome, i) => {
      const server = servers[i];
      if (outcome.status === 'rejected') {
        const reason = failureOf(server, outcome.reason);
        this.logger.warn({ msg: 'an MCP server could not be reached; the run goes on without its tools', server: server.id, reason });
        unavailable.push({ server: server.name, reason });
        return;
      }
      const { connected, listed } = outcome.value;
      clients.push(connected.client);
      for (const tool of listed) {
        const name = `${server.name}__${tool.name}`;
        if (!TOOL_NAME.test(name) || taken.has(name)) continue;
        taken.add(name);
        routes.set(name, { connected, tool: tool.name });
        tools.push({
          name,
          description: `[${server.name}] ${tool.description ?? tool.title ?? tool.name}`,
          input_schema: tool.inputSchema as Anthropic.Tool.InputSchema,
        });
      }
    });
    return new McpSession(tools, unavailable, routes, clients);
  }

  private async connect(server: McpServerRow, signal: AbortSignal): Promise<{ connected: Connected; listed: Tool[] }> {
    const client = new Client({ name: 'heartbeat-agent', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(server.url), {
      requestInit: { headers: this.servers.headersOf(server) },
      fetch: this.fetch,
      // A run lasts minutes at most: a dropped stream is a failed call, not one to resume.
      reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: 1000, maxReconnectionDelay: 1000, reconnectionDelayGrowFactor: 1 },
    });
    const options = { timeout: server.timeout_ms, signal };
    try {
      await client.connect(transport, options);
      const listed: Tool[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.listTools(cursor ? { cursor } : undefined, options);
        listed.push(...page.tools);
        cursor = page.nextCursor;
      } while (cursor && listed.length < MAX_TOOLS_PER_SERVER);
      return { connected: { server, client }, listed: listed.slice(0, MAX_TOOLS_PER_SERVER) };
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
  }
}

/** A tool result as the text the model reads: its text blocks, and the other blocks named. */
function textOf(result: CallToolResult): string {
  const parts = (result.content ?? []).map((block) => {
    switch (block.type) {
      case 'text':
        return block.text;
      case 'resource':
        return 'text' in block.resource ? block.resource.text : `[resource ${block.resource.uri}]`;
      case 'resource_link':
        return `[resource ${block.uri}]`;
      default:
        return `[${block.type} ${'mimeType' in block ? block.mimeType : ''}]`.replace(' ]', ']');
    }
  });
  const text = parts.length ? parts.join('\n') : JSON.stringify(result.structuredContent ?? (result as { toolResult?: unknown }).toolResult ?? null);
  return text.length > MAX_RESULT_CHARS ? `${text.slice(0, MAX_RESULT_CHARS)}… (cut at ${MAX_RESULT_CHARS} characters)` : text;
}

function failureOf(server: McpServerRow, error: unknown): string {
  if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
    return `MCP server ${server.name} did not answer within ${server.timeout_ms} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  // The transport's errors carry the HTTP status of a refused request as their code.
  const code = (error as { code?: unknown }).code;
  const status = error instanceof Error && !(error instanceof McpError) && typeof code === 'number' && code >= 100 && code < 600 ? `HTTP ${code}: ` : '';
  return `MCP server ${server.name}: ${status}${error instanceof Error ? error.message : String(error)}${cause}`;
}
