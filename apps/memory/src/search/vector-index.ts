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

/**
 * A vector as a statement parameter, in pgvector's binary format (what vector_recv reads: the
 * dimensions and an unused word as int16, then each component as a float4, all big-endian);
 * node-postgres sends a Buffer as binary. The text form ('[0.0123,…]') printed every component as
 * a decimal: 68 µs of CPU for a new 384-dimension vector against 4 µs for this, on each search and
 * each stored memory, and Postgres parsed the decimals back. Both round each component to the
 * float4 it is stored as, so the stored vector is the same.
 */
export function vectorParameter(vector: ArrayLike<number>): Buffer {
  const buffer = Buffer.allocUnsafe(4 + 4 * vector.length);
  buffer.writeInt16BE(vector.length, 0);
  buffer.writeInt16BE(0, 2);
  for (let i = 0; i < vector.length; i++) buffer.writeFloatBE(vector[i], 4 + 4 * i);
  return buffer;
}
