import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { vectorLiteral, writeVectorRow, type VectorEntry, type VectorFilter, type VectorHit, type VectorIndex } from './vector-index';

/**
 * pgvector in the service's own Postgres: an HNSW index (cosine), searched with iterative scans so
 * a tenant filter does not starve the result when the tenant is a small part of the index.
 */
@Injectable()
export class PgVectorIndex implements VectorIndex {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  write(manager: EntityManager, entry: VectorEntry): Promise<void> {
    return writeVectorRow(manager, entry);
  }

  /** The row written in the transaction is the index: nothing to do after the commit. */
  async publish(): Promise<void> {}

  /** memory_vectors rows go with their memory (ON DELETE CASCADE). */
  async remove(): Promise<void> {}

  async search(query: { tenantId: string; vector: number[]; limit: number; filter: VectorFilter }): Promise<VectorHit[]> {
    const { clause, params } = memoryFilter(query.filter, 4);
    // hnsw.ef_search and hnsw.iterative_scan come with the connection (database.ts).
    const rows: Array<{ id: string; similarity: string }> = await this.dataSource.query(
      `SELECT v.memory_id AS id, 1 - (v.embedding <=> $1) AS similarity
         FROM memory_vectors v JOIN memories m ON m.id = v.memory_id
        WHERE v.tenant_id = $2 ${clause}
        ORDER BY v.embedding <=> $1
        LIMIT $3`,
      [vectorLiteral(query.vector), query.tenantId, query.limit, ...params],
    );
    // relaxed_order may return neighbours slightly out of order.
    return rows.map((r) => ({ id: r.id, similarity: Number(r.similarity) })).sort((a, b) => b.similarity - a.similarity);
  }
}

/** SQL conditions on the memories table `m` for a filter, numbered from `first`. */
export function memoryFilter(filter: VectorFilter, first: number): { clause: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.agentId) conditions.push(`m.agent_id = $${first + params.push(filter.agentId) - 1}`);
  if (filter.type) conditions.push(`m.type = $${first + params.push(filter.type) - 1}`);
  if (filter.tags?.length) conditions.push(`m.tags @> $${first + params.push(filter.tags) - 1}::text[]`);
  if (filter.createdFrom) conditions.push(`m.created_at >= $${first + params.push(filter.createdFrom) - 1}`);
  if (filter.createdTo) conditions.push(`m.created_at <= $${first + params.push(filter.createdTo) - 1}`);
  return { clause: conditions.map((c) => `AND ${c}`).join(' '), params };
}
