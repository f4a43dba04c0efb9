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

/**
 * Where memory vectors live and are searched, always within one tenant. The pgvector adapter is the
 * default; a Qdrant adapter passes the same contract where QDRANT_URL is set.
 */
export interface VectorIndex {
  /** Written in the memory's own transaction where the backend allows it. */
  upsert(manager: EntityManager, entry: { id: string; tenantId: string; vector: number[] }): Promise<void>;
  search(query: { tenantId: string; vector: number[]; limit: number; filter: VectorFilter }): Promise<VectorHit[]>;
}

export const VECTOR_INDEX = Symbol('VECTOR_INDEX');

export function vectorLiteral(vector: number[]): string {
  return `[${vector.join(',')}]`;
}
