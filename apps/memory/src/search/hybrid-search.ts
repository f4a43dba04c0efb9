import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
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
 * Hybrid search: the dense list (the query's embedding) and the BM25 list (its rarest words), fused
 * as relevance.ts documents, so paraphrases and exact names both find a memory.
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
    const [vectorHits, lexicalHits] = await Promise.all([
      this.embeddings.embed([input.text], 'query').then(([vector]) => this.vectors.search({ tenantId, vector, limit: CANDIDATES, filter })),
      this.lexical.search({ tenantId, text: input.text, limit: CANDIDATES, filter }),
    ]);
    const similarity = new Map(vectorHits.map((hit) => [hit.id, hit.similarity]));
    const shortlist = fuse(vectorHits, lexicalHits).slice(0, Math.max(input.limit * 3, 30));
    if (shortlist.length === 0) return [];
    // The rows and how many of the query's words each holds, in one round trip.
    const { entities, raw } = await this.dataSource
      .getRepository(MemoryEntity)
      .createQueryBuilder('m')
      .addSelect(`cardinality(tsvector_to_array(to_tsvector('english', :text)))`, 'terms')
      .addSelect(
        `(SELECT count(*) FROM unnest(tsvector_to_array(to_tsvector('english', :text))) t
           WHERE m.search_tsv @@ quote_literal(t)::tsquery)::int`,
        'matched',
      )
      .where('m.id IN (:...ids) AND m.tenant_id = :tenantId', { ids: shortlist, tenantId, text: input.text })
      .getRawAndEntities<{ m_id: string; terms: number; matched: number }>();
    const byId = new Map(entities.map((row) => [row.id, row]));
    const matched = new Map(raw.map((row) => [row.m_id, Number(row.matched)]));
    const terms = Number(raw[0]?.terms ?? 0);
    return shortlist
      .map((id) => ({ memory: byId.get(id), relevance: relevanceOf(similarity.get(id), matched.get(id) ?? 0, terms, this.embeddings.similarityRange) }))
      .filter((hit): hit is HybridHit => hit.memory !== undefined && hit.relevance >= input.minRelevance)
      .slice(0, input.limit);
  }
}
