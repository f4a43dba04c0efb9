import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { memoryFilter } from './pgvector-index.repository';
import type { VectorFilter } from './vector-index';

export interface LexicalHit {
  id: string;
  /** BM25: grows with the rarity and count of the query's words in the memory; unbounded. */
  score: number;
}

/** Words in fewer of a tenant's memories than this are rare: not counted, always looked up. */
export const COUNTED_FROM = 50;
/**
 * The full-text side looks up the query's words rarest first while the memories holding them stay
 * under this many; a word in more memories than this alone is never looked up.
 */
export const MATCH_BUDGET = 1000;
/** The most full-text matches ranked per query, whatever the query: a hard bound on its cost. */
const RANKED_AT_MOST = 2000;
/** How often a replica checks whether a tenant's word counts need counting again. */
const COUNT_CHECK_MS = 60_000;
/** Memories added or removed, as a share of the last count, that make the word counts stale. */
const STALE_SHARE = 0.1;

/**
 * The lexical side of hybrid search, built to find what embeddings miss: rare words (names, ids,
 * jargon) and exact wording. Its cost is bounded whatever the tenant's size:
 * - the query's stemmed words are taken rarest first, while the memories holding them add up to
 *   less than MATCH_BUDGET, joined by OR and ranked by ts_rank (natural-language questions rarely
 *   share all their words with the memory that answers them);
 * - common words are left out: they say little about which memory is meant, and the index would
 *   have to visit every memory holding them (measured at 100k memories: 15–30 ms for one word in
 *   20% of them, against the 15 ms the whole search may take); a query of common words only is
 *   answered by the vector side, and relevance still counts their presence;
 * - at most RANKED_AT_MOST matches are ranked.
 * The counts come from `lexeme_documents`, counted per tenant with ts_stat in the background
 * when the tenant's memory count has moved by a tenth since the last count. A tenant under
 * MATCH_BUDGET memories looks up every word and needs no count.
 */
@Injectable()
export class LexicalSearch {
  private readonly logger = new Logger(LexicalSearch.name);
  private readonly checkedAt = new Map<string, number>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(query: { tenantId: string; text: string; limit: number; filter: VectorFilter }): Promise<LexicalHit[]> {
    this.countWordsInBackground(query.tenantId);
    return this.dataSource.transaction(async (manager) => {
      // The words are chosen first and the lookup planned with them known: with a tsquery computed
      // inside the statement the planner guesses its selectivity and may scan the whole tenant.
      // The same statement turns sequential scans off for the lookup's plan: the words chosen match
      // at most about 2 × MATCH_BUDGET memories, which the full-text index finds at once, but when
      // one tenant holds most of the table (a single-tenant install) the planner, counting a text
      // match as cheap as a comparison, prefers reading every row (measured at 10k memories: 13 ms
      // against 3).
      const [{ tsquery, lexemes }] = await manager.query(
        `WITH terms AS (
           SELECT t.lexeme, coalesce(c.documents, 0) AS documents
             FROM unnest(tsvector_to_array(to_tsvector('english', $1))) AS t(lexeme)
             LEFT JOIN lexeme_documents c ON c.tenant_id = $2 AND c.lexeme = t.lexeme
         )
         SELECT string_agg(quote_literal(lexeme), ' | ') AS tsquery, array_agg(lexeme) AS lexemes,
                set_config('enable_seqscan', 'off', true) AS planned
           FROM (
             SELECT lexeme, sum(documents) OVER (ORDER BY documents, lexeme) - documents AS before
               FROM terms WHERE documents <= $3
           ) rarest_first WHERE before < $3`,
        [query.text, query.tenantId, MATCH_BUDGET],
      );
      if (tsquery === null) return [];
      const { clause, params } = memoryFilter(query.filter, 6);
      // Okapi BM25 (k1 = 1.2, b = 0.75) over the matches: a word's document frequency is counted
      // among them, which is exact, since every memory holding a chosen word matches; the tenant's
      // size comes from its usage row. A word counts once per memory (tf = 1): memories are short,
      // and reading whole tsvectors for term counts doubled the search's cost. Each word's tsquery
      // is made once, not once per match.
      const rows: Array<{ id: string; score: number }> = await manager.query(
        `WITH c AS (
           SELECT m.id, m.search_tsv FROM memories m
            WHERE m.tenant_id = $2 AND m.search_tsv @@ $1::tsquery ${clause}
            LIMIT $4
         ), stats AS (
           SELECT greatest(count(*), coalesce((SELECT memories FROM tenant_usage WHERE tenant_id = $2), 0))::float8 AS n,
                  greatest(avg(length(search_tsv)), 1)::float8 AS avglen
             FROM c
         ), q AS MATERIALIZED (
           SELECT lexeme, quote_literal(lexeme)::tsquery AS query FROM unnest($5::text[]) AS lexeme
         ), t AS (
           SELECT c.id, length(c.search_tsv)::float8 AS len, q.lexeme
             FROM c JOIN q ON c.search_tsv @@ q.query
         ), idf AS (
           SELECT t.lexeme, ln(1 + (stats.n - count(*) + 0.5) / (count(*) + 0.5)) AS idf
             FROM t CROSS JOIN stats GROUP BY t.lexeme, stats.n
         )
         SELECT t.id, sum(idf.idf * 2.2 / (1 + 1.2 * (0.25 + 0.75 * t.len / stats.avglen))) AS score
           FROM t JOIN idf USING (lexeme) CROSS JOIN stats
          GROUP BY t.id
          ORDER BY score DESC, t.id
          LIMIT $3`,
        [tsquery, query.tenantId, query.limit, RANKED_AT_MOST, lexemes, ...params],
      );
      return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
    });
  }

  /**
   * Counts the tenant's words again if its memory count has moved enough since the last count.
   * One replica at a time per tenant (an advisory lock); returns whether it counted.
   */
  async countWords(tenantId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext('lexeme_documents:' || $1)) AS locked`, [
        tenantId,
      ]);
      if (!locked) return false;
      const [{ memories, counted }] = await manager.query(
        `SELECT (SELECT count(*) FROM memories WHERE tenant_id = $1)::int AS memories,
                (SELECT memories FROM lexeme_documents_counted WHERE tenant_id = $1) AS counted`,
        [tenantId],
      );
      const fresh = counted === null ? memories < MATCH_BUDGET : Math.abs(memories - counted) <= counted * STALE_SHARE;
      if (fresh) return false;
      await manager.query(`DELETE FROM lexeme_documents WHERE tenant_id = $1`, [tenantId]);
      await manager.query(
        `INSERT INTO lexeme_documents (tenant_id, lexeme, documents)
         SELECT $1, word, ndoc FROM ts_stat(format('SELECT search_tsv FROM memories WHERE tenant_id = %L', $1::text))
          WHERE ndoc >= $2`,
        [tenantId, COUNTED_FROM],
      );
      await manager.query(
        `INSERT INTO lexeme_documents_counted (tenant_id, memories) VALUES ($1, $2)
         ON CONFLICT (tenant_id) DO UPDATE SET memories = EXCLUDED.memories, refreshed_at = now()`,
        [tenantId, memories],
      );
      return true;
    });
  }

  private countWordsInBackground(tenantId: string): void {
    const now = Date.now();
    if (now - (this.checkedAt.get(tenantId) ?? 0) < COUNT_CHECK_MS) return;
    this.checkedAt.set(tenantId, now);
    this.countWords(tenantId).catch((error: Error) =>
      this.logger.warn(`counting words for tenant ${tenantId} failed: ${error.message}`),
    );
  }
}
