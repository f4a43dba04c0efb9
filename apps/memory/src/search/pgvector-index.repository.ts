import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { vectorParameter, type VectorEntry, type VectorFilter, type VectorHit, type VectorIndex, type VectorSpace } from './vector-index';
import { writeVectorRows } from './memory-vectors.repository';

/**
 * pgvector in the service's own Postgres. memory_vectors holds every model's vectors in one
 * untyped column; each model has a partial HNSW index (cosine) over its rows cast to its width,
 * created on first use, and searches name that model, so a re-embedding never mixes spaces.
 * Iterative scans keep a tenant filter from starving the result when the tenant is a small part
 * of the index.
 */
export class PgVectorIndex implements VectorIndex {
  private ready?: Promise<void>;
  private readonly cast: string;
  private readonly model: string;

  constructor(
    private readonly dataSource: DataSource,
    readonly space: VectorSpace,
  ) {
    this.cast = `vector(${Math.trunc(space.dimensions)})`;
    this.model = quoteLiteral(space.model);
  }

  async write(manager: EntityManager, entries: VectorEntry[]): Promise<void> {
    await this.ensureIndex();
    await writeVectorRows(manager, this.space, entries);
  }

  /** The row written in the transaction is the index: nothing to do after the commit. */
  async publish(): Promise<void> {}

  /** memory_vectors rows go with their memory (ON DELETE CASCADE). */
  async remove(): Promise<void> {}

  async search(query: { tenantId: string; vector: number[]; limit: number; filter: VectorFilter }): Promise<VectorHit[]> {
    await this.ensureIndex();
    const { clause, params } = memoryFilter(query.filter, 4);
    // The model is a literal so the planner matches the partial index; hnsw.ef_search and
    // hnsw.iterative_scan come with the connection (database.ts).
    const rows: Array<{ id: string; similarity: string }> = await this.dataSource.query(
      `SELECT v.memory_id AS id, 1 - (v.embedding::${this.cast} <=> $1::${this.cast}) AS similarity
         FROM memory_vectors v JOIN memories m ON m.id = v.memory_id
        WHERE v.model = ${this.model} AND v.tenant_id = $2 ${clause}
        ORDER BY v.embedding::${this.cast} <=> $1::${this.cast}
        LIMIT $3`,
      [vectorParameter(query.vector), query.tenantId, query.limit, ...params],
    );
    // relaxed_order may return neighbours slightly out of order.
    return rows.map((r) => ({ id: r.id, similarity: Number(r.similarity) })).sort((a, b) => b.similarity - a.similarity);
  }

  /**
   * The model's HNSW index, made once per database; replicas starting together queue on an
   * advisory lock instead of racing to create it. Built before the model's first vector is
   * written, so it grows row by row rather than in one long build.
   */
  private ensureIndex(): Promise<void> {
    this.ready ??= this.dataSource
      .transaction(async (manager) => {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.memory_vectors_hnsw'))`);
        await manager.query(
          `CREATE INDEX IF NOT EXISTS ${indexName(this.space)} ON memory_vectors
             USING hnsw ((embedding::${this.cast}) vector_cosine_ops) WHERE model = ${this.model}`,
        );
      })
      .catch((error) => {
        this.ready = undefined;
        throw error;
      });
    return this.ready;
  }
}

/** A valid, stable index name for a model (Postgres names stop at 63 bytes). */
export function indexName(space: VectorSpace): string {
  const slug = space.model.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30);
  const hash = createHash('sha1').update(`${space.model}/${space.dimensions}`).digest('hex').slice(0, 8);
  return `memory_vectors_hnsw_${slug}_${hash}`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
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
