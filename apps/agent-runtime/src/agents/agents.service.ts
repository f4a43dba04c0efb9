import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, ErrorCodes, type AgentRef, type AgentView, type CreateAgentRequest, type Page, type PageRequest, type UpdateAgentRequest } from '@hb/contracts';
import { newId } from '../ids';

export const DEFAULT_MAX_TOKENS = 4096;

export interface AgentRow {
  id: string;
  tenant_id: string;
  name: string;
  instructions: string;
  model: string | null;
  max_tokens: number;
  tools_enabled: boolean;
  heartbeat: boolean;
  created_at: Date;
  updated_at: Date;
}

export type AttachedSkill = AgentView['skills'][number];

export function agentView(row: AgentRow, skills: AttachedSkill[]): AgentView {
  const { tenant_id: _tenant, created_at, updated_at, ...rest } = row;
  return { ...rest, skills, created_at: created_at.toISOString(), updated_at: updated_at.toISOString() };
}

const FIELDS = ['name', 'instructions', 'model', 'max_tokens', 'tools_enabled', 'heartbeat'] as const;

/** Agents of a tenant: another tenant's agent is a 404, never its data. */
@Injectable()
export class AgentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(input: CreateAgentRequest): Promise<AgentView> {
    const [row] = await this.dataSource.query(
      `INSERT INTO agents (id, tenant_id, name, instructions, model, max_tokens, tools_enabled, heartbeat)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        newId('agt'),
        input.tenantId,
        input.name,
        input.instructions ?? '',
        input.model ?? null,
        input.max_tokens ?? DEFAULT_MAX_TOKENS,
        input.tools_enabled ?? true,
        input.heartbeat ?? false,
      ],
    );
    return agentView(row, []);
  }

  async get(ref: AgentRef): Promise<AgentView> {
    return (await this.views([await this.find(this.dataSource.manager, ref)]))[0];
  }

  /** An agent (by id alone: the caller holds a run of it) and its skills, in one round trip. */
  async withSkills(agentId: string): Promise<{ agent: AgentRow; skills: AttachedSkill[] }> {
    const [row]: Array<AgentRow & { skills: AttachedSkill[] }> = await this.dataSource.query(
      `SELECT a.*, coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'description', s.description) ORDER BY s.name)
                               FROM agent_skills x JOIN skills s ON s.id = x.skill_id WHERE x.agent_id = a.id), '[]') AS skills
         FROM agents a WHERE a.id = $1`,
      [agentId],
    );
    if (!row) throw new DomainError(ErrorCodes.ResourceNotFound, `Agent ${agentId} not found`, 'agentId');
    const { skills, ...agent } = row;
    return { agent, skills };
  }

  /** The skills attached to each agent, by name. */
  async skillsOf(agentIds: string[]): Promise<Map<string, AttachedSkill[]>> {
    const rows: Array<AttachedSkill & { agent_id: string }> = await this.dataSource.query(
      `SELECT a.agent_id, s.id, s.name, s.description FROM agent_skills a JOIN skills s ON s.id = a.skill_id
        WHERE a.agent_id = ANY($1) ORDER BY s.name`,
      [agentIds],
    );
    const byAgent = new Map<string, AttachedSkill[]>();
    for (const { agent_id, ...skill } of rows) byAgent.set(agent_id, [...(byAgent.get(agent_id) ?? []), skill]);
    return byAgent;
  }

  private async views(rows: AgentRow[]): Promise<AgentView[]> {
    const skills = await this.skillsOf(rows.map((row) => row.id));
    return rows.map((row) => agentView(row, skills.get(row.id) ?? []));
  }

  async find(manager: EntityManager, ref: AgentRef): Promise<AgentRow> {
    const [row] = await manager.query(`SELECT * FROM agents WHERE id = $1 AND tenant_id = $2`, [ref.agentId, ref.tenantId]);
    if (!row) throw new DomainError(ErrorCodes.ResourceNotFound, `Agent ${ref.agentId} not found`, 'agentId');
    return row;
  }

  async list(input: PageRequest): Promise<Page<AgentView>> {
    const rows: Array<AgentRow & { total: string }> = await this.dataSource.query(
      `SELECT *, count(*) OVER () AS total FROM agents WHERE tenant_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [input.tenantId, input.limit, (input.page - 1) * input.limit],
    );
    const total = rows.length ? Number(rows[0].total) : Number((await this.dataSource.query(`SELECT count(*) FROM agents WHERE tenant_id = $1`, [input.tenantId]))[0].count);
    return { data: await this.views(rows.map(({ total: _t, ...row }) => row)), total };
  }

  async update(input: UpdateAgentRequest): Promise<AgentView> {
    const changes = FIELDS.filter((field) => input[field] !== undefined);
    if (changes.length === 0) return this.get(input);
    const [rows] = await this.dataSource.query(
      `UPDATE agents SET ${changes.map((field, i) => `${field} = $${i + 3}`).join(', ')}, updated_at = now()
        WHERE id = $1 AND tenant_id = $2 RETURNING *`,
      [input.agentId, input.tenantId, ...changes.map((field) => input[field])],
    );
    if (!rows?.length) throw new DomainError(ErrorCodes.ResourceNotFound, `Agent ${input.agentId} not found`, 'agentId');
    return (await this.views(rows))[0];
  }

  async delete(ref: AgentRef): Promise<{ id: string }> {
    const [rows] = await this.dataSource.query(`DELETE FROM agents WHERE id = $1 AND tenant_id = $2 RETURNING id`, [ref.agentId, ref.tenantId]);
    if (!rows?.length) throw new DomainError(ErrorCodes.ResourceNotFound, `Agent ${ref.agentId} not found`, 'agentId');
    return { id: ref.agentId };
  }
}
