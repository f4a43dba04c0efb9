// Retrieval quality on the labelled conversations in bench/data/conversations: every dialog turn
// a memory ("Speaker: text", one tenant per conversation), every question a search, and evidence
// recall@k (the share of a question's evidence turns found in the top k, averaged over
// questions) for each retriever side by side, from one run over the same stored vectors.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Metrics, dataSourceOptions, runMigrations } from '@hb/platform';
import { DATABASE } from '@hb/memory/dist/database';
import { OnnxEmbeddingProvider } from '@hb/memory/dist/embeddings/onnx/onnx-embedding.provider';
import { PgVectorIndex } from '@hb/memory/dist/search/pgvector-index.repository';
import { LexicalSearch } from '@hb/memory/dist/search/lexical-search.repository';
import { writeVectorRows } from '@hb/memory/dist/search/memory-vectors.repository';
import { HybridSearch } from '@hb/memory/dist/search/hybrid-search';
import { MemoriesRepository } from '@hb/memory/dist/memories/memories.repository';
import { LEXICAL_WEIGHT, fuse } from '@hb/memory/dist/search/relevance';
import { benchEnv } from './support';

interface Conversation {
  name: string;
  sessions: Array<{ date: string; turns: Array<{ id: string; speaker: string; text: string }> }>;
  questions: Array<{ id: string; question: string; evidence: string[]; category: string }>;
}

const DATA = join(__dirname, '..', 'data', 'conversations');
const KS = [1, 5, 10, 20];
const CANDIDATES = 100;
const MODEL_DIR = process.env.EMBEDDINGS_MODEL_DIR ?? join(process.env.HOME ?? '', '.cache/heartbeat-platform/models/e5-small-v2-q');

type Dense = Array<{ id: string; similarity: number }>;
type Lexical = Array<{ id: string; score: number }>;
type Ranker = (dense: Dense, lexical: Lexical) => string[];

const rrf = (lists: Array<{ ids: string[]; weight: number }>, k: number): string[] => {
  const scores = new Map<string, number>();
  for (const { ids, weight } of lists) ids.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + weight / (k + rank + 1)));
  return [...scores.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
};

const RANKERS: Record<string, Ranker> = {
  'dense (e5 alone)': (dense) => dense.map((h) => h.id),
  'lexical (BM25)': (_dense, lexical) => lexical.map((h) => h.id),
  'rrf k=10': (dense, lexical) => rrf([{ ids: dense.map((h) => h.id), weight: 1 }, { ids: lexical.map((h) => h.id), weight: 1 }], 10),
  'rrf k=20 dense×2': (dense, lexical) => rrf([{ ids: dense.map((h) => h.id), weight: 2 }, { ids: lexical.map((h) => h.id), weight: 1 }], 20),
  [`fused λ=0.01`]: (dense, lexical) => fuse(dense, lexical, 0.01),
  [`fused λ=${LEXICAL_WEIGHT} (chosen)`]: (dense, lexical) => fuse(dense, lexical),
  [`fused λ=0.05`]: (dense, lexical) => fuse(dense, lexical, 0.05),
};

async function main(): Promise<void> {
  const files = readdirSync(DATA).filter((f) => f.endsWith('.json')).sort();
  const conversations: Conversation[] = files.map((f) => JSON.parse(readFileSync(join(DATA, f), 'utf8')));
  const schema = `bench_rq_${randomBytes(3).toString('hex')}`;
  const db = { ...DATABASE, schema, url: benchEnv.DATABASE_URL };
  await runMigrations(db);
  const dataSource = new DataSource(dataSourceOptions(db));
  await dataSource.initialize();
  const embeddings = new OnnxEmbeddingProvider({ dir: MODEL_DIR, threads: 1 });
  const space = { model: embeddings.model, dimensions: embeddings.dimensions };
  const index = new PgVectorIndex(dataSource, space);
  const lexical = new LexicalSearch(dataSource);
  const hybrid = new HybridSearch(embeddings, index, lexical, new MemoriesRepository(dataSource), new Metrics('bench'));
  try {
    for (const conversation of conversations) {
      const turns = conversation.sessions.flatMap((session) => session.turns.map((turn) => ({ ...turn, date: session.date })));
      const vectors = await embeddings.embed(turns.map((t) => `${t.speaker}: ${t.text}`), 'document');
      await dataSource.transaction(async (manager) => {
        for (const turn of turns) {
          const content = `${turn.speaker}: ${turn.text}`;
          await manager.query(
            `INSERT INTO memories (id, tenant_id, content, type, importance, tags, metadata, size_bytes, created_at)
             VALUES ($1, $2, $3, 'episodic', 0.5, '{}', '{}', $4, $5)`,
            [`${conversation.name}:${turn.id}`, conversation.name, content, content.length, turn.date],
          );
        }
        await writeVectorRows(manager, space, turns.map((turn, i) => ({ id: `${conversation.name}:${turn.id}`, tenantId: conversation.name, vector: vectors[i] })));
      });
    }
    await dataSource.query(`ANALYZE`);
    const sums = new Map<string, Map<string, number[]>>(); // ranker → category → recall@k sums
    let questions = 0;
    const evidenceCosines: number[] = [];
    const otherCosines: number[] = [];
    const byCategory = new Map<string, number>();
    for (const conversation of conversations) {
      for (const q of conversation.questions) {
        const tenantId = conversation.name;
        const [vector] = await embeddings.embed([q.question], 'query');
        const [dense, lex] = await Promise.all([
          index.search({ tenantId, vector, limit: CANDIDATES, filter: {} }),
          lexical.search({ tenantId, text: q.question, limit: CANDIDATES, filter: {} }),
        ]);
        const evidence = new Set(q.evidence.map((e) => `${conversation.name}:${e}`));
        for (const hit of dense) (evidence.has(hit.id) ? evidenceCosines : otherCosines).push(hit.similarity);
        questions++;
        byCategory.set(q.category, (byCategory.get(q.category) ?? 0) + 1);
        const platform = (await hybrid.search({ tenantId, text: q.question, limit: 20, minRelevance: 0, filter: {} })).map((hit) => hit.memory.id);
        for (const [name, ranker] of [...Object.entries(RANKERS), ['platform search (end to end)', () => platform] as const]) {
          const ranked = ranker(dense, lex);
          const cats = sums.get(name) ?? new Map<string, number[]>();
          sums.set(name, cats);
          for (const category of ['all', q.category]) {
            const row = cats.get(category) ?? KS.map(() => 0);
            KS.forEach((k, i) => (row[i] += ranked.slice(0, k).filter((id) => evidence.has(id)).length / evidence.size));
            cats.set(category, row);
          }
        }
      }
    }
    const counts = new Map([['all', questions], ...byCategory]);
    const categories = ['all', ...[...byCategory.keys()].sort()];
    console.log(`\nRetrieval quality: ${conversations.length} conversations, ${questions} questions, evidence recall@k (${embeddings.model}, candidates ${CANDIDATES} a side)`);
    console.log(`  ${'retriever'.padEnd(30)} ${KS.map((k) => `@${k}`.padStart(6)).join('')}   recall@10 by category: ${categories.slice(1).map((c) => `${c} (${counts.get(c)})`).join(', ')}`);
    for (const [name, cats] of sums) {
      const all = cats.get('all')!.map((s) => s / questions);
      const per = categories.slice(1).map((c) => (cats.get(c)![2] / counts.get(c)!).toFixed(3));
      console.log(`  ${name.padEnd(30)} ${all.map((r) => r.toFixed(3).padStart(6)).join('')}   ${per.join('  ')}`);
    }
    const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)].toFixed(3);
    console.log(`  cosine of query and evidence: p5 ${pct(evidenceCosines, 0.05)} p50 ${pct(evidenceCosines, 0.5)} p95 ${pct(evidenceCosines, 0.95)};` +
      ` of query and other candidates: p5 ${pct(otherCosines, 0.05)} p50 ${pct(otherCosines, 0.5)} p95 ${pct(otherCosines, 0.95)}`);
  } finally {
    await embeddings.close();
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
