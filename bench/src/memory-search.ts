// Memory search at 10k and 100k memories in one tenant: the index's p50/p95 (the service's own
// pgvector query, embedding excluded), the same with the query embedded, and recall@10 against
// exact search over the same vectors; plus create p50/p95 through the gateway.
//
// Vectors: the 975 sample memories embedded by the real model, each reused with small Gaussian
// noise (renormalised) to reach N. Embedding 100k texts would take minutes and add nothing to
// what the index sees; queries are fresh noisy copies, so each has true near neighbours.
// Texts: the sample memories alone have a vocabulary of ~130 words, every one of them in
// thousands of memories at 100k, unlike real text; so each memory and each query also carries two
// words drawn from a Zipf-distributed vocabulary of 50,000 (a few common, most rare), which gives
// the full-text side the mix of common and rare words it meets in real use.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@hb/platform';
import { DATABASE } from '@hb/memory/dist/database';
import { UseLiteProvider } from '@hb/memory/dist/embeddings/use-lite.provider';
import { PgVectorIndex } from '@hb/memory/dist/search/pgvector-index';
import { HybridSearch } from '@hb/memory/dist/search/hybrid-search';
import { LexicalSearch } from '@hb/memory/dist/search/lexical-search';
import { vectorLiteral } from '@hb/memory/dist/search/vector-index';
import { sampleMemories } from '@hb/memory/dist/seed/sample-memories';
import { ROOT, UNTHROTTLED, aTenantKey, benchEnv, fmt, migrate, percentile, startProcess } from './support';

const SIZES = (process.env.BENCH_MEMORY_SIZES ?? '10000,100000').split(',').map(Number);
const QUERIES = 200;
/** Hybrid queries run before timing starts (connections opened, plans and pages warm). */
const WARM_UP = 20;
const TENANT = 'bench-tenant';

const VOCABULARY = 50_000;
const zipfCumulative = (() => {
  const weights = Array.from({ length: VOCABULARY }, (_, rank) => 1 / (rank + 1));
  let total = 0;
  return weights.map((w) => (total += w)).map((c) => c / total);
})();

function zipfWord(): string {
  const u = Math.random();
  let [low, high] = [0, VOCABULARY - 1];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (zipfCumulative[mid] < u) low = mid + 1;
    else high = mid;
  }
  return `term${low}`;
}

const withTail = (text: string) => `${text} ${zipfWord()} ${zipfWord()}`;

function noisy(base: number[], sigma: number): number[] {
  const v = base.map((x) => x + sigma * gaussian());
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

function gaussian(): number {
  return Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
}

async function main(): Promise<void> {
  const schema = `bench_${randomBytes(3).toString('hex')}`;
  const db = { ...DATABASE, schema, url: benchEnv.DATABASE_URL };
  await runMigrations(db);
  const dataSource = new DataSource(dataSourceOptions(db));
  await dataSource.initialize();
  const embeddings = new UseLiteProvider();
  const samples = sampleMemories();
  const bases: number[][] = [];
  for (let i = 0; i < samples.length; i += 32) bases.push(...(await embeddings.embed(samples.slice(i, i + 32).map((s) => s.content))));
  const index = new PgVectorIndex(dataSource);
  console.log(`\nMemory search (pgvector HNSW, one tenant, ${QUERIES} queries each; floor: exact search over the same vectors)`);
  try {
    let loaded = 0;
    for (const size of SIZES) {
      await dataSource.query(`DROP INDEX IF EXISTS memory_vectors_hnsw`);
      while (loaded < size) {
        const rows = Array.from({ length: Math.min(1000, size - loaded) }, (_, j) => {
          const i = loaded + j;
          return { id: `mem_b${i}`, content: withTail(samples[i % samples.length].content), vector: noisy(bases[i % bases.length], 0.02) };
        });
        await dataSource.query(
          `INSERT INTO memories (id, tenant_id, content, type, importance, tags, metadata, size_bytes)
           SELECT id, $1, content, 'semantic', 0.5, '{}', '{}', length(content) FROM unnest($2::text[], $3::text[]) AS t(id, content)`,
          [TENANT, rows.map((r) => r.id), rows.map((r) => r.content)],
        );
        await dataSource.query(
          `INSERT INTO memory_vectors (memory_id, tenant_id, embedding)
           SELECT id, $1, v::vector FROM unnest($2::text[], $3::text[]) AS t(id, v)`,
          [TENANT, rows.map((r) => r.id), rows.map((r) => vectorLiteral(r.vector))],
        );
        loaded += rows.length;
      }
      const built = performance.now();
      await dataSource.query(`SET maintenance_work_mem = '1GB'`);
      await dataSource.query(`CREATE INDEX memory_vectors_hnsw ON memory_vectors USING hnsw (embedding vector_cosine_ops)`);
      const buildSeconds = (performance.now() - built) / 1000;
      // As autovacuum leaves a table in steady use (and so that it does not start mid-measurement).
      await dataSource.query(`VACUUM ANALYZE memories`);
      await dataSource.query(`VACUUM ANALYZE memory_vectors`);

      const queries = Array.from({ length: QUERIES }, () => noisy(bases[Math.floor(Math.random() * bases.length)], 0.02));
      const indexMs: number[] = [];
      const exactMs: number[] = [];
      let recall = 0;
      for (const vector of queries) {
        const started = performance.now();
        const hits = await index.search({ tenantId: TENANT, vector, limit: 10, filter: {} });
        indexMs.push(performance.now() - started);
        const exactStarted = performance.now();
        const exact: Array<{ id: string }> = await dataSource.transaction(async (manager) => {
          await manager.query(`SET LOCAL enable_indexscan = off`);
          return manager.query(
            `SELECT memory_id AS id FROM memory_vectors WHERE tenant_id = $2 ORDER BY embedding <=> $1 LIMIT 10`,
            [vectorLiteral(vector), TENANT],
          );
        });
        exactMs.push(performance.now() - exactStarted);
        const truth = new Set(exact.map((r) => r.id));
        recall += hits.filter((hit) => truth.has(hit.id)).length / 10;
      }
      // The whole hybrid path (vector + full text + fusion + rows), its embedding precomputed so
      // only the search is timed. The tenant's words are counted first, as the service
      // does in the background once a tenant has grown.
      const lexical = new LexicalSearch(dataSource);
      await lexical.countWords(TENANT);
      const hybridMs: number[] = [];
      for (const [q, vector] of queries.entries()) {
        const precomputed = { dimensions: 512, model: 'precomputed', embed: async () => [vector] };
        const hybrid = new HybridSearch(precomputed, index, lexical, dataSource);
        const started = performance.now();
        await hybrid.search({ tenantId: TENANT, text: withTail(samples[q].content), limit: 10, minRelevance: 0, filter: {} });
        if (q >= WARM_UP) hybridMs.push(performance.now() - started);
      }
      const withEmbedding: number[] = [];
      for (let q = 0; q < 50; q++) {
        const started = performance.now();
        const [vector] = await embeddings.embed([`what did ${samples[q].content.split(' ').slice(0, 4).join(' ')} say`]);
        await index.search({ tenantId: TENANT, vector, limit: 10, filter: {} });
        withEmbedding.push(performance.now() - started);
      }
      console.log(
        `  ${String(size).padStart(6)} memories  index p50 ${fmt(percentile(indexMs, 50))}  p95 ${fmt(percentile(indexMs, 95))}` +
          `  recall@10 ${(recall / QUERIES).toFixed(3)}  | exact p50 ${fmt(percentile(exactMs, 50))} p95 ${fmt(percentile(exactMs, 95))}` +
          `  | hybrid p50 ${fmt(percentile(hybridMs, 50))} p95 ${fmt(percentile(hybridMs, 95))}` +
          `  | index with embedding p50 ${fmt(percentile(withEmbedding, 50))} p95 ${fmt(percentile(withEmbedding, 95))}  (index built in ${buildSeconds.toFixed(1)} s)`,
      );
    }
    console.log('  goals: search p95 ≤ 15 ms excluding embedding at 100k, recall@10 ≥ 0.95');
  } finally {
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
  }
  await createLatency();
}

/** POST /api/v1/memories through the gateway, acknowledged when durable and searchable. */
async function createLatency(): Promise<void> {
  const env = { ...benchEnv, ...UNTHROTTLED, KAFKA_NAMESPACE: `bench${randomBytes(3).toString('hex')}`, LOG_LEVEL: 'warn' };
  for (const app of ['gateway', 'memory']) await migrate(app, env);
  const memory = await startProcess(join(ROOT, 'apps/memory/dist/main.js'), { ...env, PORT: '14023' }, 'http://127.0.0.1:14023/health/ready');
  const gateway = await startProcess(join(ROOT, 'apps/gateway/dist/main.js'), { ...env, PORT: '14020' }, 'http://127.0.0.1:14020/health/ready');
  try {
    const headers = { Authorization: `Bearer ${await aTenantKey('http://127.0.0.1:14020')}`, 'Content-Type': 'application/json' };
    const samples = sampleMemories();
    const times: number[] = [];
    for (let i = 0; i < 220; i++) {
      const started = performance.now();
      const res = await fetch('http://127.0.0.1:14020/api/v1/memories', {
        method: 'POST',
        headers,
        body: JSON.stringify({ content: samples[i].content, type: samples[i].type, tags: samples[i].tags }),
      });
      await res.arrayBuffer();
      if (res.status !== 201) throw new Error(`create answered ${res.status}`);
      if (i >= 20) times.push(performance.now() - started);
    }
    console.log(`  create through the gateway (embedding, vector and row in one transaction): p50 ${fmt(percentile(times, 50))}  p95 ${fmt(percentile(times, 95))}  (goal p95 ≤ 60 ms)`);
  } finally {
    await Promise.all([gateway.stop(), memory.stop()]);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
