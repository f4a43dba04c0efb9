import type { EntityManager } from 'typeorm';

export interface VectorFilter {
  agentId?: string;
  type?: string;
  tags?: string[];
  createdFrom?: string;
  createdTo?: string;
}

export interface VectorHit {
  id: string;
  /** Cosine similarity, -1 to 1. */
  similarity: number;
}

export interface VectorEntry {
  id: string;
  tenantId: string;
  vector: number[];
  agentId: string | null;
  type: string;
  tags: string[];
  createdAt: Date;
}

/**
 * Where memory vectors are searched, always within one tenant. Postgres is the source of truth:
 * `write` keeps the vector in memory_vectors inside the memory's own transaction; `publish` and
 * `remove`, after the commit, bring an external index up to date. pgvector (the default) searches
 * memory_vectors itself; Qdrant (VECTOR_BACKEND=qdrant) passes the same contract suite.
 */
export interface VectorIndex {
  write(manager: EntityManager, entry: VectorEntry): Promise<void>;
  publish(entry: VectorEntry): Promise<void>;
  remove(id: string): Promise<void>;
  search(query: { tenantId: string; vector: number[]; limit: number; filter: VectorFilter }): Promise<VectorHit[]>;
}

/** Keeps the vector beside its memory, in the memory's transaction: both adapters start here. */
export async function writeVectorRow(manager: EntityManager, entry: VectorEntry): Promise<void> {
  await manager.query(
    `INSERT INTO memory_vectors (memory_id, tenant_id, embedding) VALUES ($1, $2, $3)
     ON CONFLICT (memory_id) DO UPDATE SET embedding = excluded.embedding`,
    [entry.id, entry.tenantId, vectorLiteral(entry.vector)],
  );
}

export const VECTOR_INDEX = Symbol('VECTOR_INDEX');

export function vectorLiteral(vector: number[]): string {
  return `[${vector.join(',')}]`;
}
