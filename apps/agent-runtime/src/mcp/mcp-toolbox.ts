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
/** Pages of tools/list read from one server, whatever their cursors say. */
const MAX_TOOL_PAGES = 5;
/** A tool's input schema larger than this (as JSON) is not offered: it would crowd out the conversation. */
const MAX_SCHEMA_CHARS = 16_000;
const MAX_DESCRIPTION_CHARS = 1_024;
/** What a tool call may put before the model; longer results are cut. */
const MAX_RESULT_CHARS = 50_000;
/** What the model is told of a server that failed: the kind of failure, not the server's whole answer. */
const MAX_REASON_CHARS = 200;

export interface McpCallOutcome {
  output: string;
  isError: boolean;
  server: string;
}

interface Connected {
  server: McpServerRow;
  client: Client;
  transport: StreamableHTTPClientTransport;
}

/** The longest a run's end waits for a server to take its session's DELETE. */
const END_SESSION_MS = 2000;

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
    private readonly connections: Connected[],
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
      return { output: reasonOf(server, error), isError: true, server: server.name };
    }
  }

  /**
   * Ends each server's session as Streamable HTTP asks (a DELETE with its Mcp-Session-Id; a
   * stateless server has none, and one that answers 405 keeps no sessions), within END_SESSION_MS,
   * then closes the connection, which also aborts a DELETE still waiting.
   */
  async close(): Promise<void> {
    await Promise.all(
      this.connections.map(async ({ client, transport }) => {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, END_SESSION_MS)));
        await Promise.race([transport.terminateSession().catch(() => undefined), late]);
        clearTimeout(timer);
        await client.close().catch(() => undefined);
      }),
    );
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
    const connections: Connected[] = [];
    const taken = new Set(reserved);
    settled.forEach((outcome, i) => {
      const server = servers[i];
      if (outcome.status === 'rejected') {
        const reason = reasonOf(server, outcome.reason);
        const detail = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
        this.logger.warn({ msg: 'an MCP server could not be reached; the run goes on without its tools', server: server.id, reason, detail: detail.slice(0, 2000) });
        unavailable.push({ server: server.name, reason });
        return;
      }
      const { connected, listed } = outcome.value;
      connections.push(connected);
      for (const tool of listed) {
        const name = `${server.name}__${tool.name}`;
        const offered = offerable(tool);
        if (!TOOL_NAME.test(name) || taken.has(name) || !offered) {
          if (!offered) this.logger.warn({ msg: 'an MCP tool is not offered: its input schema is not an object schema or is too large', server: server.id, tool: tool.name.slice(0, 100) });
          continue;
        }
        taken.add(name);
        routes.set(name, { connected, tool: tool.name });
        tools.push({
          name,
          description: `[${server.name}] ${tool.description ?? tool.title ?? tool.name}`.slice(0, MAX_DESCRIPTION_CHARS),
          input_schema: tool.inputSchema as Anthropic.Tool.InputSchema,
        });
      }
    });
    return new McpSession(tools, unavailable, routes, connections);
  }

  private async connect(server: McpServerRow, signal: AbortSignal): Promise<{ connected: Connected; listed: Tool[] }> {
    const client = new Client({ name: 'heartbeat-agent', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(server.url), {
      requestInit: { headers: this.servers.headersOf(server) },
      fetch: this.fetch,
      // A run lasts minutes at most: a dropped stream is a failed call, not one to resume.
      reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: 1000, maxReconnectionDelay: 1000, reconnectionDelayGrowFactor: 1 },
    });
    // One deadline for connecting and listing together: a slow server's pages cannot add up.
    const deadline = AbortSignal.timeout(server.timeout_ms);
    const options = { timeout: server.timeout_ms, signal: AbortSignal.any([signal, deadline]) };
    try {
      await client.connect(transport, options);
      const listed: Tool[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await client.listTools(cursor ? { cursor } : undefined, options);
        listed.push(...page.tools);
        cursor = page.nextCursor;
      } while (cursor && ++pages < MAX_TOOL_PAGES && listed.length < MAX_TOOLS_PER_SERVER);
      return { connected: { server, client, transport }, listed: listed.slice(0, MAX_TOOLS_PER_SERVER) };
    } catch (error) {
      await client.close().catch(() => undefined);
      throw deadline.aborted ? new McpError(ErrorCode.RequestTimeout, 'Request timed out') : error;
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

/** A tool the Messages API will take: an object schema of a sensible size (a bad one would fail the whole run). */
function offerable(tool: Tool): boolean {
  const schema = tool.inputSchema as { type?: unknown } | undefined;
  return Boolean(schema) && typeof schema === 'object' && schema!.type === 'object' && JSON.stringify(schema).length <= MAX_SCHEMA_CHARS;
}

/**
 * What the model is told of a failed connection or call: which server, and the kind of failure in
 * a line. The server's own answer can be long and is the server's to word, so it is cut short here;
 * the log keeps more of it.
 */
function reasonOf(server: McpServerRow, error: unknown): string {
  if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
    return `MCP server ${server.name} did not answer within ${server.timeout_ms} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  // The transport's errors carry the HTTP status of a refused request as their code.
  const code = (error as { code?: unknown }).code;
  const status = error instanceof Error && !(error instanceof McpError) && typeof code === 'number' && code >= 100 && code < 600 ? `HTTP ${code}: ` : '';
  const text = `MCP server ${server.name}: ${status}${error instanceof Error ? error.message : String(error)}${cause}`.replace(/\s+/g, ' ');
  return text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS - 1)}…` : text;
}
