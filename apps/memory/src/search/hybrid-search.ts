import { Inject, Injectable } from '@nestjs/common';
import { Metrics, type Histogram } from '@hb/platform';
import { EMBEDDING_PROVIDER, embedInSpan, type EmbeddingProvider } from '../embeddings/embedding-provider';
import { MemoriesRepository } from '../memories/memories.repository';
import type { MemoryEntity } from '../memories/memory.entity';
import { LexicalSearch } from './lexical-search.repository';
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
  private readonly stages: Histogram<'stage'>;

  constructor(
    @Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider,
    @Inject(VECTOR_INDEX) private readonly vectors: VectorIndex,
    private readonly lexical: LexicalSearch,
    private readonly memories: MemoriesRepository,
    metrics: Metrics,
  ) {
    this.stages = metrics.histogram(
      'memory_search_stage_duration_seconds',
      "A search's stages: embedding (the query's vector), vector (the nearest neighbours), lexical (BM25, beside the first two), rerank (word coverage and fusion), total.",
      ['stage'],
    );
  }

  async search(input: { tenantId: string; text: string; limit: number; minRelevance: number; filter: VectorFilter }): Promise<HybridHit[]> {
    const { tenantId, filter } = input;
    const total = this.stages.startTimer({ stage: 'total' });
    const [vectorHits, lexicalHits] = await Promise.all([
      this.timed('embedding', () => embedInSpan(this.embeddings, [input.text], 'query')).then(([vector]) =>
        this.timed('vector', () => this.vectors.search({ tenantId, vector, limit: CANDIDATES, filter })),
      ),
      this.timed('lexical', () => this.lexical.search({ tenantId, text: input.text, limit: CANDIDATES, filter })),
    ]);
    const hits = await this.timed('rerank', () => this.rerank(input, vectorHits, lexicalHits));
    total();
    return hits;
  }

  private async timed<T>(stage: string, work: () => Promise<T>): Promise<T> {
    const end = this.stages.startTimer({ stage });
    try {
      return await work();
    } finally {
      end();
    }
  }

  private async rerank(
    input: { tenantId: string; text: string; limit: number; minRelevance: number },
    vectorHits: Awaited<ReturnType<VectorIndex['search']>>,
    lexicalHits: Awaited<ReturnType<LexicalSearch['search']>>,
  ): Promise<HybridHit[]> {
    const { tenantId } = input;
    const similarity = new Map(vectorHits.map((hit) => [hit.id, hit.similarity]));
    const shortlist = fuse(vectorHits, lexicalHits).slice(0, Math.max(input.limit * 3, 30));
    if (shortlist.length === 0) return [];
    const { rows, matched, terms } = await this.memories.withWordCoverage(tenantId, shortlist, input.text);
    return shortlist
      .map((id) => ({ memory: rows.get(id), relevance: relevanceOf(similarity.get(id), matched.get(id) ?? 0, terms, this.embeddings.similarityRange) }))
      .filter((hit): hit is HybridHit => hit.memory !== undefined && hit.relevance >= input.minRelevance)
      .slice(0, input.limit);
  }
}

