import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { vectorParameter, type VectorEntry, type VectorSpace } from './vector-index';

/**
 * Keeps vectors beside their memories, in the memories' transaction, with the model that made
 * them, in one statement: both index adapters and the seed start here. A memory has one vector, of
 * the model it was last embedded with.
 */
export async function writeVectorRows(manager: EntityManager, space: VectorSpace, entries: Array<Pick<VectorEntry, 'id' | 'tenantId' | 'vector'>>): Promise<void> {
  const wrong = entries.find((entry) => entry.vector.length !== space.dimensions);
  if (wrong) throw new Error(`a ${space.model} vector has ${space.dimensions} dimensions, not ${wrong.vector.length}`);
  if (entries.length === 0) return;
  const params: unknown[] = [space.model];
  const rows = entries.map((e) => `($${params.push(e.id)}, $${params.push(e.tenantId)}, $1, $${params.push(vectorParameter(e.vector))}::vector)`);
  await manager.query(
    `INSERT INTO memory_vectors (memory_id, tenant_id, model, embedding) VALUES ${rows.join(', ')}
     ON CONFLICT (memory_id) DO UPDATE SET embedding = excluded.embedding, model = excluded.model`,
    params,
  );
}

export interface MemoryWithVector {
  id: string;
  content: string;
  tags: string[];
  createdAt: Date;
  vector: number[];
}

/** Stored vectors read back, for the intelligence: always one model's, never a mix. */
@Injectable()
export class MemoryVectorsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The vectors of these memories that `model` made; a memory not yet re-embedded has none. */
  async vectorsOf(ids: string[], model: string): Promise<Map<string, number[]>> {
    const rows: Array<{ memory_id: string; embedding: string }> = await this.dataSource.query(
      `SELECT memory_id, embedding::text AS embedding FROM memory_vectors WHERE memory_id = ANY($1) AND model = $2`,
      [ids, model],
    );
    return new Map(rows.map((row) => [row.memory_id, JSON.parse(row.embedding) as number[]]));
  }

  /** A tenant's newest memories that have a vector of `model`, newest first. */
  async newestWithVectors(tenantId: string, model: string, limit: number): Promise<MemoryWithVector[]> {
    const rows: Array<{ id: string; content: string; tags: string[]; created_at: Date; embedding: string }> = await this.dataSource.query(
      `SELECT m.id, m.content, m.tags, m.created_at, v.embedding::text AS embedding
         FROM memories m JOIN memory_vectors v ON v.memory_id = m.id
        WHERE m.tenant_id = $1 AND v.model = $3
        ORDER BY m.created_at DESC, m.id
        LIMIT $2`,
      [tenantId, limit, model],
    );
    return rows.map((row) => ({
      id: row.id,
      content: row.content,
      tags: row.tags,
      createdAt: new Date(row.created_at),
      vector: JSON.parse(row.embedding) as number[],
    }));
  }
}
