import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { memoryFilter } from './pgvector-index';
import type { VectorFilter } from './vector-index';

/**
 * Postgres full-text search with the query's stemmed words joined by OR and ranked by ts_rank:
 * natural-language questions rarely share all their words with the memory that answers them, so
 * requiring every term (plainto_tsquery) finds almost nothing.
 */
@Injectable()
export class LexicalSearch {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(query: { tenantId: string; text: string; limit: number; filter: VectorFilter }): Promise<string[]> {
    const { clause, params } = memoryFilter(query.filter, 4);
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `WITH q AS (
         SELECT to_tsquery('english', string_agg(quote_literal(lexeme), ' | ')) AS tsq
           FROM unnest(to_tsvector('english', $1))
       )
       SELECT m.id FROM memories m, q
        WHERE q.tsq IS NOT NULL AND m.tenant_id = $2 AND m.search_tsv @@ q.tsq ${clause}
        ORDER BY ts_rank(m.search_tsv, q.tsq) DESC, m.id
        LIMIT $3`,
      [query.text, query.tenantId, query.limit, ...params],
    );
    return rows.map((r) => r.id);
  }

  /** The query's distinct stemmed words, and how many of them each memory contains. */
  async termCoverage(text: string, ids: string[]): Promise<{ terms: number; matched: Map<string, number> }> {
    const [{ terms }] = await this.dataSource.query(
      `SELECT coalesce(array_agg(lexeme), '{}') AS terms FROM unnest(to_tsvector('english', $1))`,
      [text],
    );
    if (ids.length === 0 || terms.length === 0) return { terms: terms.length, matched: new Map() };
    const rows: Array<{ id: string; matched: number }> = await this.dataSource.query(
      `SELECT m.id, (SELECT count(*) FROM unnest($2::text[]) t
                      WHERE m.search_tsv @@ to_tsquery('english', quote_literal(t)))::int AS matched
         FROM memories m WHERE m.id = ANY($1)`,
      [ids, terms],
    );
    return { terms: terms.length, matched: new Map(rows.map((r) => [r.id, Number(r.matched)])) };
  }
}
