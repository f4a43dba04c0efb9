import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { vectorParameter, type VectorEntry } from '../search/vector-index';

export interface OutdatedVector extends Omit<VectorEntry, 'vector'> {
  content: string;
}

/** memory_vectors as the re-embedding sees it: which vectors another model made, and their replacement. */
@Injectable()
export class ReembeddingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` on up to `limit` vectors not made by `model`, locked for the transaction. SKIP
   * LOCKED lets replicas share the work; a replica that dies mid-batch releases its rows with its
   * connection, so the batch is simply taken again. Returns how many vectors it replaced.
   */
  async replaceBatch(
    model: string,
    limit: number,
    work: (rows: OutdatedVector[]) => Promise<number[][]>,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.claimOutdated(manager, model, limit);
      if (rows.length === 0) return 0;
      const vectors = await work(rows);
      const params: unknown[] = [model];
      const replaced = rows.map((row, i) => `($${params.push(row.id)}::text, $${params.push(vectorParameter(vectors[i]))}::vector)`);
      await manager.query(
        `UPDATE memory_vectors v SET embedding = n.embedding, model = $1
           FROM (VALUES ${replaced.join(', ')}) AS n(memory_id, embedding)
          WHERE v.memory_id = n.memory_id`,
        params,
      );
      return rows.length;
    });
  }

  /** Vectors per model, for the status answer. */
  async countByModel(): Promise<Record<string, number>> {
    const rows: Array<{ model: string; vectors: number }> = await this.dataSource.query(
      `SELECT model, count(*)::int AS vectors FROM memory_vectors GROUP BY model ORDER BY model`,
    );
    return Object.fromEntries(rows.map((row) => [row.model, row.vectors]));
  }

  private async claimOutdated(manager: EntityManager, model: string, limit: number): Promise<OutdatedVector[]> {
    // `<>` cannot use an index; the two ranges can (memory_vectors_model).
    const rows: Array<{ id: string; tenant_id: string; agent_id: string | null; type: string; tags: string[]; created_at: Date; content: string }> =
      await manager.query(
        `SELECT v.memory_id AS id, v.tenant_id, m.agent_id, m.type, m.tags, m.created_at, m.content
           FROM memory_vectors v JOIN memories m ON m.id = v.memory_id
          WHERE v.model < $1 OR v.model > $1
          ORDER BY v.model, v.memory_id
          LIMIT $2
          FOR UPDATE OF v SKIP LOCKED`,
        [model, limit],
      );
    return rows.map((row) => ({
      id: row.id,
      tenantId: row.tenant_id,
      agentId: row.agent_id,
      type: row.type,
      tags: row.tags,
      createdAt: new Date(row.created_at),
      content: row.content,
    }));
  }
}
