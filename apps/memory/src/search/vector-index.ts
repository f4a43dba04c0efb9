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

/** The vectors of one embedding model: vectors of different models are never compared. */
export interface VectorSpace {
  model: string;
  dimensions: number;
}

/**
 * Where memory vectors are searched, always within one tenant and one model's space. Postgres is the source of truth:
 * `write` keeps the vector in memory_vectors inside the memory's own transaction; `publish` and
 * `remove`, after the commit, bring an external index up to date. pgvector (the default) searches
 * memory_vectors itself; Qdrant (VECTOR_BACKEND=qdrant) passes the same contract suite.
 */
export interface VectorIndex {
  readonly space: VectorSpace;
  write(manager: EntityManager, entry: VectorEntry): Promise<void>;
  publish(entries: VectorEntry[]): Promise<void>;
  remove(id: string): Promise<void>;
  search(query: { tenantId: string; vector: number[]; limit: number; filter: VectorFilter }): Promise<VectorHit[]>;
}

/**
 * Keeps the vector beside its memory, in the memory's transaction, with the model that made it:
 * both adapters start here. A memory has one vector, of the model it was last embedded with.
 */
export async function writeVectorRow(manager: EntityManager, space: VectorSpace, entry: VectorEntry): Promise<void> {
  if (entry.vector.length !== space.dimensions) {
    throw new Error(`a ${space.model} vector has ${space.dimensions} dimensions, not ${entry.vector.length}`);
  }
  await manager.query(
    `INSERT INTO memory_vectors (memory_id, tenant_id, model, embedding) VALUES ($1, $2, $3, $4)
     ON CONFLICT (memory_id) DO UPDATE SET embedding = excluded.embedding, model = excluded.model`,
    [entry.id, entry.tenantId, space.model, vectorLiteral(entry.vector)],
  );
}

export const VECTOR_INDEX = Symbol('VECTOR_INDEX');

export function vectorLiteral(vector: number[]): string {
  return `[${vector.join(',')}]`;
}
