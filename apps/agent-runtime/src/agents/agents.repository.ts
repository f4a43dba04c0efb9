import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AgentView } from '@hb/contracts';

/** An agents row: the view's fields, its tenant, and its times as Dates. */
export interface AgentRow extends Omit<AgentView, 'skills' | 'created_at' | 'updated_at'> {
  tenant_id: string;
  created_at: Date;
  updated_at: Date;
}

export type AttachedSkill = AgentView['skills'][number];

/** The settings an agent is created with or changed to. */
export type AgentSettings = Pick<AgentRow, 'name' | 'instructions' | 'model' | 'max_tokens' | 'tools_enabled' | 'heartbeat'>;

/** The agents table and the skills attached to each (agent_skills). */
@Injectable()
export class AgentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The models agents name (null ones use the deployment's default), with how many name each. */
  async modelsInUse(): Promise<Array<{ model: string; agents: number }>> {
    return this.dataSource.query(`SELECT model, count(*)::int AS agents FROM agents WHERE model IS NOT NULL GROUP BY model ORDER BY model`);
  }

  /** Whether the tenant's agent takes heartbeats (the bot API's flag); undefined when there is no such agent. */
  async heartbeatFlag(tenantId: string, agentId: string): Promise<boolean | undefined> {
    const [agent]: Array<{ heartbeat: boolean }> = await this.dataSource.query(`SELECT heartbeat FROM agents WHERE id = $1 AND tenant_id = $2`, [
      agentId,
      tenantId,
    ]);
    return agent?.heartbeat;
  }

  async insert(id: string, tenantId: string, settings: AgentSettings): Promise<AgentRow> {
    const [row] = await this.dataSource.query(
      `INSERT INTO agents (id, tenant_id, name, instructions, model, max_tokens, tools_enabled, heartbeat)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [id, tenantId, settings.name, settings.instructions, settings.model, settings.max_tokens, settings.tools_enabled, settings.heartbeat],
    );
    return row;
  }

  /** The tenant's agent, or undefined: another tenant's is as absent as a missing one. */
  async findOwned(tenantId: string, id: string): Promise<AgentRow | undefined> {
    const [row] = await this.dataSource.query(`SELECT * FROM agents WHERE id = $1 AND tenant_id = $2`, [id, tenantId]);
    return row;
  }

  /** An agent by id alone (the caller holds a run of it) and its skills, in one round trip. */
  async findWithSkills(id: string): Promise<(AgentRow & { skills: AttachedSkill[] }) | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT a.*, coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'description', s.description) ORDER BY s.name)
                               FROM agent_skills x JOIN skills s ON s.id = x.skill_id WHERE x.agent_id = a.id), '[]') AS skills
         FROM agents a WHERE a.id = $1`,
      [id],
    );
    return row;
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

  /** A page of the tenant's agents, newest first, with the total. */
  async page(tenantId: string, limit: number, offset: number): Promise<{ rows: AgentRow[]; total: number }> {
    const rows: Array<AgentRow & { total: string }> = await this.dataSource.query(
      `SELECT *, count(*) OVER () AS total FROM agents WHERE tenant_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [tenantId, limit, offset],
    );
    // Past the last page the window count is not there: count apart.
    const total = rows.length
      ? Number(rows[0].total)
      : Number((await this.dataSource.query(`SELECT count(*) FROM agents WHERE tenant_id = $1`, [tenantId]))[0].count);
    return { rows: rows.map(({ total: _total, ...row }) => row), total };
  }

  /** Changes these settings (at least one) of the tenant's agent; undefined when there is no such agent. */
  async update(tenantId: string, id: string, changes: Partial<AgentSettings>): Promise<AgentRow | undefined> {
    const fields = Object.keys(changes) as Array<keyof AgentSettings>;
    const [rows] = await this.dataSource.query(
      `UPDATE agents SET ${fields.map((field, i) => `${field} = $${i + 3}`).join(', ')}, updated_at = now()
        WHERE id = $1 AND tenant_id = $2 RETURNING *`,
      [id, tenantId, ...fields.map((field) => changes[field])],
    );
    return rows?.[0];
  }

  /** Deletes the tenant's agent; false when there was none. */
  async deleteOwned(tenantId: string, id: string): Promise<boolean> {
    const [rows] = await this.dataSource.query(`DELETE FROM agents WHERE id = $1 AND tenant_id = $2 RETURNING id`, [id, tenantId]);
    return (rows?.length ?? 0) > 0;
  }
}
