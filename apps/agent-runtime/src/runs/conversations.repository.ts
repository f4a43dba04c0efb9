import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface ConversationRef {
  tenantId: string;
  agentId: string;
  conversationId: string;
}

export interface ConversationRow {
  id: string;
  agent_id: string;
  created_at: Date;
  updated_at: Date;
  /** How many messages it holds. */
  messages: number;
}

/** The conversations table: an agent's threads of runs and messages. */
@Injectable()
export class ConversationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether the conversation is the tenant's agent's. */
  async exists(ref: ConversationRef): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM conversations WHERE id = $1 AND agent_id = $2 AND tenant_id = $3`, [
      ref.conversationId,
      ref.agentId,
      ref.tenantId,
    ]);
    return rows.length > 0;
  }

  /** A page of the agent's conversations, the latest changed first, with the total. */
  async page(tenantId: string, agentId: string, limit: number, offset: number): Promise<{ rows: ConversationRow[]; total: number }> {
    const rows: Array<ConversationRow & { total: number }> = await this.dataSource.query(
      `SELECT c.id, c.agent_id, c.created_at, c.updated_at,
              (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id)::int AS messages,
              count(*) OVER ()::int AS total
         FROM conversations c WHERE c.agent_id = $1 AND c.tenant_id = $2
        ORDER BY c.updated_at DESC, c.id LIMIT $3 OFFSET $4`,
      [agentId, tenantId, limit, offset],
    );
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  /** Deletes a conversation that holds no run (one an invoke started, then lost an idempotency race). */
  async deleteIfEmpty(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM conversations c WHERE c.id = $1 AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.conversation_id = c.id)`, [id]);
  }
}
