import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  DomainError,
  ErrorCodes,
  type AgentSkillRequest,
  type AgentView,
  type CreateSkillRequest,
  type Page,
  type PageRequest,
  type SkillRef,
  type SkillView,
  type UpdateSkillRequest,
} from '@hb/contracts';
import { AgentsService } from '../agents/agents.service';
import { newId } from '../ids';

interface SkillRow {
  id: string;
  tenant_id: string;
  name: string;
  description: string;
  instructions: string;
  created_at: Date;
  updated_at: Date;
}

function skillView({ tenant_id: _tenant, created_at, updated_at, ...rest }: SkillRow): SkillView {
  return { ...rest, created_at: created_at.toISOString(), updated_at: updated_at.toISOString() };
}

const notFound = (skillId: string) => new DomainError(ErrorCodes.ResourceNotFound, `Skill ${skillId} not found`, 'skillId');

/** Skills: named instruction packs a tenant defines and attaches to its agents. */
@Injectable()
export class SkillsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agents: AgentsService,
  ) {}

  async create(input: CreateSkillRequest): Promise<SkillView> {
    const [row] = await this.dataSource.query(
      `INSERT INTO skills (id, tenant_id, name, description, instructions) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, name) DO NOTHING RETURNING *`,
      [newId('skl'), input.tenantId, input.name, input.description, input.instructions],
    );
    if (!row) throw new DomainError(ErrorCodes.ValidationError, `a skill named ${input.name} already exists`, 'name');
    return skillView(row);
  }

  async get(ref: SkillRef): Promise<SkillView> {
    const [row] = await this.dataSource.query(`SELECT * FROM skills WHERE id = $1 AND tenant_id = $2`, [ref.skillId, ref.tenantId]);
    if (!row) throw notFound(ref.skillId);
    return skillView(row);
  }

  async list(input: PageRequest): Promise<Page<SkillView>> {
    const rows: Array<SkillRow & { total: number }> = await this.dataSource.query(
      `SELECT *, count(*) OVER ()::int AS total FROM skills WHERE tenant_id = $1 ORDER BY name LIMIT $2 OFFSET $3`,
      [input.tenantId, input.limit, (input.page - 1) * input.limit],
    );
    return { data: rows.map(({ total: _t, ...row }) => skillView(row)), total: rows[0]?.total ?? 0 };
  }

  async update(input: UpdateSkillRequest): Promise<SkillView> {
    const [rows] = await this.dataSource.query(
      `UPDATE skills SET description = coalesce($3, description), instructions = coalesce($4, instructions), updated_at = now()
        WHERE id = $1 AND tenant_id = $2 RETURNING *`,
      [input.skillId, input.tenantId, input.description ?? null, input.instructions ?? null],
    );
    if (!rows.length) throw notFound(input.skillId);
    return skillView(rows[0]);
  }

  async delete(ref: SkillRef): Promise<{ id: string }> {
    const [rows] = await this.dataSource.query(`DELETE FROM skills WHERE id = $1 AND tenant_id = $2 RETURNING id`, [ref.skillId, ref.tenantId]);
    if (!rows.length) throw notFound(ref.skillId);
    return { id: ref.skillId };
  }

  async attach(input: AgentSkillRequest): Promise<AgentView> {
    await this.agents.get(input);
    await this.get(input);
    await this.dataSource.query(`INSERT INTO agent_skills (agent_id, skill_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [input.agentId, input.skillId]);
    return this.agents.get(input);
  }

  async detach(input: AgentSkillRequest): Promise<AgentView> {
    await this.agents.get(input);
    await this.dataSource.query(`DELETE FROM agent_skills WHERE agent_id = $1 AND skill_id = $2`, [input.agentId, input.skillId]);
    return this.agents.get(input);
  }

  /** The instructions of a skill attached to the agent, by name; null when it has none such. */
  async instructionsFor(agentId: string, name: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `SELECT s.instructions FROM agent_skills a JOIN skills s ON s.id = a.skill_id WHERE a.agent_id = $1 AND s.name = $2`,
      [agentId, name],
    );
    return row?.instructions ?? null;
  }
}
