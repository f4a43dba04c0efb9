import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ImplicitPatternsRequest, ImplicitPatternsResponse } from '@hb/contracts';
import { EMBEDDING_PROVIDER, type EmbeddingProvider } from '../../embeddings/embedding-provider';
import { similarityOn } from '../cosine';
import { findPatterns, type PatternInput } from '../patterns';

/** The newest memories analysed; clustering is quadratic in the worst case. */
const ANALYSED = 1000;

/** Spec 003's implicit patterns: recurring themes, tag combinations and times, from stored data only. */
@Injectable()
export class FindImplicitPatternsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider,
  ) {}

  async execute(input: ImplicitPatternsRequest): Promise<ImplicitPatternsResponse> {
    const rows: Array<{ id: string; content: string; tags: string[]; created_at: Date; embedding: string }> = await this.dataSource.query(
      `SELECT m.id, m.content, m.tags, m.created_at, v.embedding::text AS embedding
         FROM memories m JOIN memory_vectors v ON v.memory_id = m.id
        WHERE m.tenant_id = $1 AND v.model = $3
        ORDER BY m.created_at DESC, m.id
        LIMIT $2`,
      [input.tenantId, ANALYSED, this.embeddings.model],
    );
    const memories: PatternInput[] = rows.map((row) => ({
      id: row.id,
      content: row.content,
      tags: row.tags,
      createdAt: new Date(row.created_at),
      vector: JSON.parse(row.embedding) as number[],
    }));
    return { ...findPatterns(memories, input.minOccurrences, similarityOn(this.embeddings.similarityRange)), analyzed: memories.length };
  }
}
