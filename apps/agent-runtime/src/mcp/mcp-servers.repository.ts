import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { McpServerView } from '@hb/contracts';

/** An agent_mcp_servers row: the view's fields, its tenant, its sealed headers, its times as Dates. */
export interface McpServerRow extends Omit<McpServerView, 'created_at' | 'updated_at'> {
  tenant_id: string;
  headers_sealed: string | null;
  created_at: Date;
  updated_at: Date;
}

export type McpServerSettings = Pick<McpServerRow, 'name' | 'url' | 'header_names' | 'headers_sealed' | 'timeout_ms'>;

/** The MCP servers given to agents; every read and write is scoped to the tenant and the agent. */
@Injectable()
export class McpServersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Adds the server unless the agent has `max` already; 'duplicate' when the agent has one of
   * that name, 'full' when it has `max`.
   */
  async insert(row: Pick<McpServerRow, 'id' | 'tenant_id' | 'agent_id'> & McpServerSettings, max: number): Promise<McpServerRow | 'duplicate' | 'full'> {
    const [inserted] = await this.dataSource.query(
      `INSERT INTO agent_mcp_servers (id, tenant_id, agent_id, name, url, header_names, headers_sealed, timeout_ms)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8
        WHERE (SELECT count(*) FROM agent_mcp_servers WHERE agent_id = $3) < $9
       ON CONFLICT (agent_id, name) DO NOTHING RETURNING *`,
      [row.id, row.tenant_id, row.agent_id, row.name, row.url, row.header_names, row.headers_sealed, row.timeout_ms, max],
    );
    if (inserted) return inserted;
    const [taken] = await this.dataSource.query(`SELECT 1 FROM agent_mcp_servers WHERE agent_id = $1 AND name = $2`, [row.agent_id, row.name]);
    return taken ? 'duplicate' : 'full';
  }

  async findOwned(tenantId: string, agentId: string, id: string): Promise<McpServerRow | undefined> {
    const [row] = await this.dataSource.query(`SELECT * FROM agent_mcp_servers WHERE id = $1 AND agent_id = $2 AND tenant_id = $3`, [id, agentId, tenantId]);
    return row;
  }

  /** The agent's servers by name (the caller holds the agent, or a run of it). */
  async ofAgent(agentId: string): Promise<McpServerRow[]> {
    return this.dataSource.query(`SELECT * FROM agent_mcp_servers WHERE agent_id = $1 ORDER BY name`, [agentId]);
  }

  /** Changes these settings; undefined when there is no such server, 'duplicate' when the new name is taken. */
  async update(tenantId: string, agentId: string, id: string, changes: Partial<McpServerSettings>): Promise<McpServerRow | 'duplicate' | undefined> {
    const fields = Object.keys(changes) as Array<keyof McpServerSettings>;
    try {
      const [rows] = await this.dataSource.query(
        `UPDATE agent_mcp_servers SET ${fields.map((field, i) => `${field} = $${i + 4}`).join(', ')}, updated_at = now()
          WHERE id = $1 AND agent_id = $2 AND tenant_id = $3 RETURNING *`,
        [id, agentId, tenantId, ...fields.map((field) => changes[field])],
      );
      return rows?.[0];
    } catch (error) {
      if ((error as { code?: string }).code === '23505') return 'duplicate';
      throw error;
    }
  }

  async deleteOwned(tenantId: string, agentId: string, id: string): Promise<boolean> {
    const [rows] = await this.dataSource.query(`DELETE FROM agent_mcp_servers WHERE id = $1 AND agent_id = $2 AND tenant_id = $3 RETURNING id`, [
      id,
      agentId,
      tenantId,
    ]);
    return (rows?.length ?? 0) > 0;
  }
}
