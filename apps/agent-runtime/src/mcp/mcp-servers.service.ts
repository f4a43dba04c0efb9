import { Injectable } from '@nestjs/common';
import {
  AgentCommands,
  DEFAULT_MCP_TIMEOUT_MS,
  DomainError,
  ErrorCodes,
  MAX_MCP_SERVERS_PER_AGENT,
  headersProblem,
  mcpHeadersInTransit,
  type AgentRef,
  type CreateMcpServerRequest,
  type McpServerRef,
  type McpServerView,
  type Page,
  type UpdateMcpServerRequest,
} from '@hb/contracts';
import { InjectEnv, OnCommand, SecretBox, destinationOf, prefixedId } from '@hb/platform';
import { AgentsService } from '../agents/agents.service';
import type { AgentRuntimeEnv } from '../config/env';
import { McpServersRepository, type McpServerRow, type McpServerSettings } from './mcp-servers.repository';

export function mcpServerView({ tenant_id: _tenant, headers_sealed: _sealed, created_at, updated_at, ...rest }: McpServerRow): McpServerView {
  return { ...rest, created_at: created_at.toISOString(), updated_at: updated_at.toISOString() };
}

const notFound = (serverId: string) => new DomainError(ErrorCodes.ResourceNotFound, `MCP server ${serverId} not found`, 'serverId');
const nameTaken = (name: string) => new DomainError(ErrorCodes.DuplicateResource, `the agent already has an MCP server named ${name}`, 'name');

/**
 * The MCP servers given to an agent, through the Agent API. Header values are sealed with the
 * row's id before they are stored and are opened only to call the server; no answer carries them.
 */
@Injectable()
export class McpServersService {
  constructor(
    private readonly servers: McpServersRepository,
    private readonly agents: AgentsService,
    private readonly box: SecretBox,
    @InjectEnv() private readonly env: AgentRuntimeEnv,
  ) {}

  @OnCommand(AgentCommands.CreateMcpServer)
  async create(input: CreateMcpServerRequest): Promise<McpServerView> {
    await this.agents.find(input);
    const id = prefixedId('mcp');
    const row = await this.servers.insert(
      {
        id,
        tenant_id: input.tenantId,
        agent_id: input.agentId,
        name: input.name,
        url: destinationOf(input.url, this.env.WEBHOOK_ALLOWED_HOSTS).href,
        timeout_ms: input.timeout_ms ?? DEFAULT_MCP_TIMEOUT_MS,
        ...this.sealed(id, this.headersIn(input) ?? {}),
      },
      MAX_MCP_SERVERS_PER_AGENT,
    );
    if (row === 'duplicate') throw nameTaken(input.name);
    if (row === 'full') throw new DomainError(ErrorCodes.ValidationError, `an agent may have at most ${MAX_MCP_SERVERS_PER_AGENT} MCP servers`, 'agentId');
    return mcpServerView(row);
  }

  @OnCommand(AgentCommands.ListMcpServers)
  async list(ref: AgentRef): Promise<Page<McpServerView>> {
    await this.agents.find(ref);
    const rows = await this.servers.ofAgent(ref.agentId);
    return { data: rows.map(mcpServerView), total: rows.length };
  }

  @OnCommand(AgentCommands.GetMcpServer)
  async get(ref: McpServerRef): Promise<McpServerView> {
    return mcpServerView(await this.find(ref));
  }

  /**
   * Changes what is given. A server moved to another origin keeps no headers unless they are given
   * again with the move: credentials meant for one host are never sent to another by a URL change.
   */
  @OnCommand(AgentCommands.UpdateMcpServer)
  async update(input: UpdateMcpServerRequest): Promise<McpServerView> {
    const current = await this.find(input);
    const changes: Partial<McpServerSettings> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.timeout_ms !== undefined) changes.timeout_ms = input.timeout_ms;
    if (input.url !== undefined) {
      const url = destinationOf(input.url, this.env.WEBHOOK_ALLOWED_HOSTS);
      if (url.origin !== new URL(current.url).origin && input.sealedHeaders === undefined && current.header_names.length) {
        throw new DomainError(ErrorCodes.ValidationError, 'headers must be given again when url moves to another origin', 'headers');
      }
      changes.url = url.href;
    }
    const headers = this.headersIn(input);
    if (headers !== undefined) Object.assign(changes, this.sealed(current.id, headers));
    if (Object.keys(changes).length === 0) return mcpServerView(current);
    const row = await this.servers.update(input.tenantId, input.agentId, input.serverId, changes);
    if (row === 'duplicate') throw nameTaken(input.name!);
    if (!row) throw notFound(input.serverId);
    return mcpServerView(row);
  }

  @OnCommand(AgentCommands.DeleteMcpServer)
  async delete(ref: McpServerRef): Promise<{ id: string }> {
    await this.agents.find(ref);
    if (!(await this.servers.deleteOwned(ref.tenantId, ref.agentId, ref.serverId))) throw notFound(ref.serverId);
    return { id: ref.serverId };
  }

  /** The agent's servers, for a run of it. */
  forRun(agentId: string): Promise<McpServerRow[]> {
    return this.servers.ofAgent(agentId);
  }

  /** A server's headers, opened to call it; throws when they do not open (SECRETS_KEY changed). */
  headersOf(row: McpServerRow): Record<string, string> {
    return row.headers_sealed ? JSON.parse(this.box.open(row.headers_sealed, row.id)) : {};
  }

  private async find(ref: McpServerRef): Promise<McpServerRow> {
    await this.agents.find(ref);
    const row = await this.servers.findOwned(ref.tenantId, ref.agentId, ref.serverId);
    if (!row) throw notFound(ref.serverId);
    return row;
  }

  /**
   * The header values the gateway sealed for the trip over Kafka, opened. They were checked at the
   * gateway; a set that does not open means the two services' SECRETS_KEY differ, which no caller
   * can fix, so it fails as the deployment's fault.
   */
  private headersIn(input: { tenantId: string; agentId: string; sealedHeaders?: string }): Record<string, string> | undefined {
    if (input.sealedHeaders === undefined) return undefined;
    let headers: unknown;
    try {
      headers = JSON.parse(this.box.open(input.sealedHeaders, mcpHeadersInTransit(input.tenantId, input.agentId)));
    } catch (error) {
      throw new Error(`MCP server headers from the gateway do not open (the gateway and the agent runtime must share SECRETS_KEY): ${(error as Error).message}`);
    }
    const problem = headersProblem(headers);
    if (problem) throw new DomainError(ErrorCodes.ValidationError, problem, 'headers');
    return headers as Record<string, string>;
  }

  private sealed(id: string, headers: Record<string, string>): Pick<McpServerSettings, 'header_names' | 'headers_sealed'> {
    const names = Object.keys(headers);
    return { header_names: names, headers_sealed: names.length ? this.box.seal(JSON.stringify(headers), id) : null };
  }
}
