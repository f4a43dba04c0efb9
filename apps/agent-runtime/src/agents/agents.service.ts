import { Injectable } from '@nestjs/common';
import {
  AgentCommands,
  DomainError,
  ErrorCodes,
  type AgentRef,
  type AgentView,
  type CreateAgentRequest,
  type Page,
  type PageRequest,
  type UpdateAgentRequest,
} from '@hb/contracts';
import { OnCommand, prefixedId } from '@hb/platform';
import { AgentsRepository, type AgentRow, type AgentSettings, type AttachedSkill } from './agents.repository';

export type { AgentRow, AttachedSkill } from './agents.repository';

export const DEFAULT_MAX_TOKENS = 4096;

export function agentView(row: AgentRow, skills: AttachedSkill[]): AgentView {
  const { tenant_id: _tenant, created_at, updated_at, ...rest } = row;
  return { ...rest, skills, created_at: created_at.toISOString(), updated_at: updated_at.toISOString() };
}

const FIELDS = ['name', 'instructions', 'model', 'max_tokens', 'tools_enabled', 'heartbeat'] as const;

const notFound = (agentId: string) => new DomainError(ErrorCodes.ResourceNotFound, `Agent ${agentId} not found`, 'agentId');

/** Agents of a tenant: another tenant's agent is a 404, never its data. */
@Injectable()
export class AgentsService {
  constructor(private readonly agents: AgentsRepository) {}

  @OnCommand(AgentCommands.Create)
  async create(input: CreateAgentRequest): Promise<AgentView> {
    const row = await this.agents.insert(prefixedId('agt'), input.tenantId, {
      name: input.name,
      instructions: input.instructions ?? '',
      model: input.model ?? null,
      max_tokens: input.max_tokens ?? DEFAULT_MAX_TOKENS,
      tools_enabled: input.tools_enabled ?? true,
      heartbeat: input.heartbeat ?? false,
    });
    return agentView(row, []);
  }

  @OnCommand(AgentCommands.Get)
  async get(ref: AgentRef): Promise<AgentView> {
    return (await this.views([await this.find(ref)]))[0];
  }

  /** An agent (by id alone: the caller holds a run of it) and its skills, in one round trip. */
  async withSkills(agentId: string): Promise<{ agent: AgentRow; skills: AttachedSkill[] }> {
    const row = await this.agents.findWithSkills(agentId);
    if (!row) throw notFound(agentId);
    const { skills, ...agent } = row;
    return { agent, skills };
  }

  async find(ref: AgentRef): Promise<AgentRow> {
    const row = await this.agents.findOwned(ref.tenantId, ref.agentId);
    if (!row) throw notFound(ref.agentId);
    return row;
  }

  @OnCommand(AgentCommands.List)
  async list(input: PageRequest): Promise<Page<AgentView>> {
    const { rows, total } = await this.agents.page(input.tenantId, input.limit, (input.page - 1) * input.limit);
    return { data: await this.views(rows), total };
  }

  @OnCommand(AgentCommands.Update)
  async update(input: UpdateAgentRequest): Promise<AgentView> {
    const changes: Partial<AgentSettings> = Object.fromEntries(FIELDS.filter((field) => input[field] !== undefined).map((field) => [field, input[field]]));
    if (Object.keys(changes).length === 0) return this.get(input);
    const row = await this.agents.update(input.tenantId, input.agentId, changes);
    if (!row) throw notFound(input.agentId);
    return (await this.views([row]))[0];
  }

  @OnCommand(AgentCommands.Delete)
  async delete(ref: AgentRef): Promise<{ id: string }> {
    if (!(await this.agents.deleteOwned(ref.tenantId, ref.agentId))) throw notFound(ref.agentId);
    return { id: ref.agentId };
  }

  private async views(rows: AgentRow[]): Promise<AgentView[]> {
    const skills = await this.agents.skillsOf(rows.map((row) => row.id));
    return rows.map((row) => agentView(row, skills.get(row.id) ?? []));
  }
}
