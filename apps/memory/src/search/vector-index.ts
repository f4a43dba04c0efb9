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
 * `write` keeps the vectors in memory_vectors inside the memory's own transaction; `publish` and
 * `remove`, after the commit, bring an external index up to date. pgvector (the default) searches
 * memory_vectors itself; Qdrant (VECTOR_BACKEND=qdrant) passes the same contract suite.
 */
export interface VectorIndex {
  readonly space: VectorSpace;
  write(manager: EntityManager, entries: VectorEntry[]): Promise<void>;
  publish(entries: VectorEntry[]): Promise<void>;
  remove(id: string): Promise<void>;
  search(query: { tenantId: string; vector: number[]; limit: number; filter: VectorFilter }): Promise<VectorHit[]>;
}

export const VECTOR_INDEX = Symbol('VECTOR_INDEX');

export function vectorLiteral(vector: number[]): string {
  return `[${vector.join(',')}]`;
}
