import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ImplicitPatternsRequest, ImplicitPatternsResponse } from '@hb/contracts';
import { findPatterns, type PatternInput } from '../patterns';

/** The newest memories analysed; clustering is quadratic in the worst case. */
const ANALYSED = 1000;

/** Spec 003's implicit patterns: recurring themes, tag combinations and times, from stored data only. */
@Injectable()
export class FindImplicitPatternsUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(input: ImplicitPatternsRequest): Promise<ImplicitPatternsResponse> {
    const rows: Array<{ id: string; content: string; tags: string[]; created_at: Date; embedding: string }> = await this.dataSource.query(
      `SELECT m.id, m.content, m.tags, m.created_at, v.embedding::text AS embedding
         FROM memories m JOIN memory_vectors v ON v.memory_id = m.id
        WHERE m.tenant_id = $1
        ORDER BY m.created_at DESC, m.id
        LIMIT $2`,
      [input.tenantId, ANALYSED],
    );
    const memories: PatternInput[] = rows.map((row) => ({
      id: row.id,
      content: row.content,
      tags: row.tags,
      createdAt: new Date(row.created_at),
      vector: JSON.parse(row.embedding) as number[],
    }));
    return { ...findPatterns(memories, input.minOccurrences), analyzed: memories.length };
  }
}
