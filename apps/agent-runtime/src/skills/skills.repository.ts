import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface SkillRow {
  id: string;
  tenant_id: string;
  name: string;
  description: string;
  instructions: string;
  created_at: Date;
  updated_at: Date;
}

/** The skills table, and which agents they are attached to (agent_skills). */
@Injectable()
export class SkillsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Adds the skill; undefined when the tenant already has one of that name. */
  async insert(skill: Pick<SkillRow, 'id' | 'tenant_id' | 'name' | 'description' | 'instructions'>): Promise<SkillRow | undefined> {
    const [row] = await this.dataSource.query(
      `INSERT INTO skills (id, tenant_id, name, description, instructions) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, name) DO NOTHING RETURNING *`,
      [skill.id, skill.tenant_id, skill.name, skill.description, skill.instructions],
    );
    return row;
  }

  async findOwned(tenantId: string, id: string): Promise<SkillRow | undefined> {
    const [row] = await this.dataSource.query(`SELECT * FROM skills WHERE id = $1 AND tenant_id = $2`, [id, tenantId]);
    return row;
  }

  /** A page of the tenant's skills by name, with the total. */
  async page(tenantId: string, limit: number, offset: number): Promise<{ rows: SkillRow[]; total: number }> {
    const rows: Array<SkillRow & { total: number }> = await this.dataSource.query(
      `SELECT *, count(*) OVER ()::int AS total FROM skills WHERE tenant_id = $1 ORDER BY name LIMIT $2 OFFSET $3`,
      [tenantId, limit, offset],
    );
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  /** Changes what is given of the tenant's skill; undefined when there is no such skill. */
  async update(tenantId: string, id: string, changes: { description?: string; instructions?: string }): Promise<SkillRow | undefined> {
    const [rows] = await this.dataSource.query(
      `UPDATE skills SET description = coalesce($3, description), instructions = coalesce($4, instructions), updated_at = now()
        WHERE id = $1 AND tenant_id = $2 RETURNING *`,
      [id, tenantId, changes.description ?? null, changes.instructions ?? null],
    );
    return rows[0];
  }

  async deleteOwned(tenantId: string, id: string): Promise<boolean> {
    const [rows] = await this.dataSource.query(`DELETE FROM skills WHERE id = $1 AND tenant_id = $2 RETURNING id`, [id, tenantId]);
    return rows.length > 0;
  }

  async attach(agentId: string, skillId: string): Promise<void> {
    await this.dataSource.query(`INSERT INTO agent_skills (agent_id, skill_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [agentId, skillId]);
  }

  async detach(agentId: string, skillId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM agent_skills WHERE agent_id = $1 AND skill_id = $2`, [agentId, skillId]);
  }

  /** The instructions of the skill of this name attached to the agent, if any. */
  async attachedInstructions(agentId: string, name: string): Promise<string | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT s.instructions FROM agent_skills a JOIN skills s ON s.id = a.skill_id WHERE a.agent_id = $1 AND s.name = $2`,
      [agentId, name],
    );
    return row?.instructions;
  }
}
