import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { MemoryEventTypes, Topics, type MemorySearchResponse, type SearchMemoriesRequest } from '@hb/contracts';
import { Outbox } from '@hb/platform';
import { EMBEDDING_PROVIDER, type EmbeddingProvider } from '../../embeddings/embedding-provider';
import { MemoryEntity } from '../../memories/memory.entity';
import { LexicalSearch } from '../lexical-search';
import { fuse, relevanceOf } from '../relevance';
import { VECTOR_INDEX, type VectorIndex } from '../vector-index';

/** Candidates each side contributes to the fusion. */
const CANDIDATES = 100;

/**
 * Hybrid search: the vector list and the OR-ranked lexical list, fused by reciprocal rank, so exact
 * words and paraphrases both find a memory; relevance as documented in relevance.ts.
 */
@Injectable()
export class SearchMemoriesUseCase {
  constructor(
    @Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider,
    @Inject(VECTOR_INDEX) private readonly vectors: VectorIndex,
    private readonly lexical: LexicalSearch,
    private readonly outbox: Outbox,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async execute(input: SearchMemoriesRequest): Promise<MemorySearchResponse> {
    const started = performance.now();
    const filter = { agentId: input.agentId, type: input.type, tags: input.tags };
    const [[vector], lexicalIds] = await Promise.all([
      this.embeddings.embed([input.query]),
      this.lexical.search({ tenantId: input.tenantId, text: input.query, limit: CANDIDATES, filter }),
    ]);
    const vectorHits = await this.vectors.search({ tenantId: input.tenantId, vector, limit: CANDIDATES, filter });
    const similarity = new Map(vectorHits.map((hit) => [hit.id, hit.similarity]));
    const fused = [...fuse([vectorHits.map((hit) => hit.id), lexicalIds]).entries()].sort((a, b) => b[1] - a[1]);
    const shortlist = fused.slice(0, Math.max(input.limit * 3, 30)).map(([id]) => id);
    const [rows, coverage] = await Promise.all([
      this.dataSource.getRepository(MemoryEntity).findBy({ id: In(shortlist), tenantId: input.tenantId }),
      this.lexical.termCoverage(input.query, shortlist),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const minRelevance = input.minRelevance ?? 0;
    const results = shortlist
      .map((id) => ({ row: byId.get(id), relevance: relevanceOf(similarity.get(id), coverage.matched.get(id) ?? 0, coverage.terms) }))
      .filter((r): r is { row: MemoryEntity; relevance: number } => r.row !== undefined && r.relevance >= minRelevance)
      .slice(0, input.limit)
      .map(({ row, relevance }) => ({
        id: row.id,
        content: row.content,
        type: row.type,
        relevance,
        importance: row.importance,
        tags: row.tags,
        metadata: row.metadata,
        ...(row.agentId ? { agentId: row.agentId } : {}),
        createdAt: row.createdAt.toISOString(),
      }));
    const latency = Math.round(performance.now() - started);
    await this.outbox.transaction(async (_manager, emit) =>
      emit({
        topic: Topics.MemoryEvents,
        aggregateId: input.tenantId,
        tenantId: input.tenantId,
        type: MemoryEventTypes.SearchPerformed,
        payload: { query: input.query, resultCount: results.length, latency, tenantId: input.tenantId },
      }),
    );
    return { results, query: input.query, latency };
  }
}
