import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { EMBEDDING_PROVIDER, type EmbeddingProvider } from '../embeddings/embedding-provider';
import { MemoryEntity } from '../memories/memory.entity';
import { LexicalSearch } from './lexical-search';
import { fuse, relevanceOf } from './relevance';
import { VECTOR_INDEX, type VectorFilter, type VectorIndex } from './vector-index';

/** Candidates each side contributes to the fusion. */
const CANDIDATES = 100;

export interface HybridHit {
  memory: MemoryEntity;
  relevance: number;
}

/**
 * Hybrid search: the vector list and the OR-ranked lexical list, fused by reciprocal rank, so exact
 * words and paraphrases both find a memory; relevance as documented in relevance.ts.
 */
@Injectable()
export class HybridSearch {
  constructor(
    @Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider,
    @Inject(VECTOR_INDEX) private readonly vectors: VectorIndex,
    private readonly lexical: LexicalSearch,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async search(input: { tenantId: string; text: string; limit: number; minRelevance: number; filter: VectorFilter }): Promise<HybridHit[]> {
    const { tenantId, filter } = input;
    const [[vector], lexicalIds] = await Promise.all([
      this.embeddings.embed([input.text]),
      this.lexical.search({ tenantId, text: input.text, limit: CANDIDATES, filter }),
    ]);
    const vectorHits = await this.vectors.search({ tenantId, vector, limit: CANDIDATES, filter });
    const similarity = new Map(vectorHits.map((hit) => [hit.id, hit.similarity]));
    const fused = [...fuse([vectorHits.map((hit) => hit.id), lexicalIds]).entries()].sort((a, b) => b[1] - a[1]);
    const shortlist = fused.slice(0, Math.max(input.limit * 3, 30)).map(([id]) => id);
    const [rows, coverage] = await Promise.all([
      this.dataSource.getRepository(MemoryEntity).findBy({ id: In(shortlist), tenantId }),
      this.lexical.termCoverage(input.text, shortlist),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return shortlist
      .map((id) => ({ memory: byId.get(id), relevance: relevanceOf(similarity.get(id), coverage.matched.get(id) ?? 0, coverage.terms) }))
      .filter((hit): hit is HybridHit => hit.memory !== undefined && hit.relevance >= input.minRelevance)
      .slice(0, input.limit);
  }
}
