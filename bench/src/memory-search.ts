// Memory search at 10k and 100k memories in one tenant, and ingestion through the batch endpoint.
//
// Search through the gateway, query embedding included, from 8 concurrent clients: p50/p95, beside
// two floors of the same run: exact search over the same vectors (the index's job done without the
// index) and the embedding of the query alone. In process: the index's own p50/p95 and its
// recall@10 against exact search, and the whole hybrid path with the embedding precomputed.
//
// Vectors: the 975 sample memories embedded by the real model, each reused with small Gaussian
// noise (renormalised) to reach N; embedding 100k texts would take minutes and add nothing to what
// the index sees. Texts: each memory and query also carries two words drawn from a Zipf-distributed
// vocabulary of 50,000, which gives the full-text side the mix of common and rare words it meets in
// real use. Queries through the gateway are new texts each time, so the query cache never answers.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Metrics, dataSourceOptions } from '@hb/platform';
import { MemoryEnv } from '@hb/memory/dist/config/env';
import { DATABASE } from '@hb/memory/dist/database';
import { OnnxEmbeddingProvider } from '@hb/memory/dist/embeddings/onnx/onnx-embedding.provider';
import { PgVectorIndex, indexName } from '@hb/memory/dist/search/pgvector-index.repository';
import { HybridSearch } from '@hb/memory/dist/search/hybrid-search';
import { MemoriesRepository } from '@hb/memory/dist/memories/memories.repository';
import { LexicalSearch } from '@hb/memory/dist/search/lexical-search.repository';
import { sampleMemories } from '@hb/memory/dist/seed/sample-memories';
import { ROOT, UNTHROTTLED, aTenant, benchEnv, cpuByCommand, cpuPerUnit, fmt, forgetMemoriesNotOf, migrate, percentile, startProcess } from './support';

const SIZES = (process.env.BENCH_MEMORY_SIZES ?? '10000,100000').split(',').map(Number);
const QUERIES = 200;
const CLIENTS = Number(process.env.BENCH_SEARCH_CLIENTS ?? 8);
/** Hybrid queries run before timing starts (connections opened, plans and pages warm). */
const WARM_UP = 20;
const MODEL_DIR = process.env.EMBEDDINGS_MODEL_DIR ?? join(process.env.HOME ?? '', '.cache/heartbeat-platform/models/e5-small-v2-q');
const GATEWAY = 'http://127.0.0.1:14020';

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

/** pgvector's text form, for the bulk loads below (unnest of text[]). */
const vectorLiteral = (vector: number[]) => `[${vector.join(',')}]`;

const withTail = (text: string) => `${text} ${zipfWord()} ${zipfWord()}`;

function noisy(base: number[], sigma: number): number[] {
  const v = base.map((x) => x + sigma * gaussian());
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

function gaussian(): number {
  return Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
}

/** Runs `task` from `clients` loops at once until `count` calls are done; each call's milliseconds. */
async function concurrently(count: number, clients: number, task: (i: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const i = next++;
        const started = performance.now();
        await task(i);
        times.push(performance.now() - started);
      }
    }),
  );
  return times;
}

async function main(): Promise<void> {
  const env = { ...benchEnv, ...UNTHROTTLED, KAFKA_NAMESPACE: `bench${randomBytes(3).toString('hex')}`, LOG_LEVEL: 'warn', EMBEDDINGS_MODEL_DIR: MODEL_DIR };
  for (const app of ['gateway', 'memory']) await migrate(app, env);
  // The service's own thread count, so the embedding floor is the service's.
  const embeddings = new OnnxEmbeddingProvider({ dir: MODEL_DIR, threads: new MemoryEnv().EMBEDDINGS_THREADS });
  await forgetMemoriesNotOf(embeddings.model);
  const memory = await startProcess(join(ROOT, 'apps/memory/dist/main.js'), { ...env, PORT: '14023' }, 'http://127.0.0.1:14023/health/ready');
  const gateway = await startProcess(join(ROOT, 'apps/gateway/dist/main.js'), { ...env, PORT: '14020' }, `${GATEWAY}/health/ready`);
  const dataSource = new DataSource(dataSourceOptions({ ...DATABASE, url: benchEnv.DATABASE_URL }));
  await dataSource.initialize();
  const space = { model: embeddings.model, dimensions: embeddings.dimensions };
  const { tenantId, key } = await aTenant(GATEWAY);
  const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
  try {
    // The imported tenant goes before the search load: its memories are the sample texts the
    // queries are made of, and would sit nearest to every query in the shared index.
    const imported = await ingestion(headers);
    await dataSource.query(`DELETE FROM memories WHERE tenant_id = $1`, [imported]);
    await dataSource.query(`DELETE FROM tenant_usage WHERE tenant_id = $1`, [imported]);
    const samples = sampleMemories();
    const bases = await embeddings.embed(samples.map((s) => s.content), 'document');
    const index = new PgVectorIndex(dataSource, space);
    const lexical = new LexicalSearch(dataSource);
    const memories = new MemoriesRepository(dataSource);
    // The service's own search path, warmed once so its index exists before the load.
    await fetch(`${GATEWAY}/api/v1/memories/search`, { method: 'POST', headers, body: JSON.stringify({ query: 'warm up' }) });
    console.log(`\nMemory search (${space.model}, pgvector HNSW, one tenant; floors: exact search over the same vectors, the query's embedding alone)`);
    await dataSource.query(`DELETE FROM memories WHERE tenant_id = $1`, [tenantId]);
    let loaded = 0;
    for (const size of SIZES) {
      await dataSource.query(`DROP INDEX IF EXISTS ${indexName(space)}`);
      while (loaded < size) {
        const rows = Array.from({ length: Math.min(1000, size - loaded) }, (_, j) => {
          const i = loaded + j;
          return { id: `mem_b${i}`, content: withTail(samples[i % samples.length].content), vector: noisy(bases[i % bases.length], 0.02) };
        });
        await dataSource.query(
          `INSERT INTO memories (id, tenant_id, content, type, importance, tags, metadata, size_bytes)
           SELECT id, $1, content, 'semantic', 0.5, '{}', '{}', length(content) FROM unnest($2::text[], $3::text[]) AS t(id, content)`,
          [tenantId, rows.map((r) => r.id), rows.map((r) => r.content)],
        );
        await dataSource.query(
          `INSERT INTO memory_vectors (memory_id, tenant_id, model, embedding)
           SELECT id, $1, $4, v::vector FROM unnest($2::text[], $3::text[]) AS t(id, v)`,
          [tenantId, rows.map((r) => r.id), rows.map((r) => vectorLiteral(r.vector)), space.model],
        );
        loaded += rows.length;
      }
      await dataSource.query(`INSERT INTO tenant_usage (tenant_id, memories) VALUES ($1, $2) ON CONFLICT (tenant_id) DO UPDATE SET memories = $2`, [tenantId, size]);
      const built = performance.now();
      await dataSource.query(`SET maintenance_work_mem = '1GB'`);
      await dataSource.query(
        `CREATE INDEX ${indexName(space)} ON memory_vectors USING hnsw ((embedding::vector(${space.dimensions})) vector_cosine_ops) WHERE model = '${space.model}'`,
      );
      const buildSeconds = (performance.now() - built) / 1000;
      await dataSource.query(`VACUUM ANALYZE memories`);
      await dataSource.query(`VACUUM ANALYZE memory_vectors`);
      await lexical.countWords(tenantId);

      const metrics = new Metrics('bench');
      const queries = Array.from({ length: QUERIES }, () => noisy(bases[Math.floor(Math.random() * bases.length)], 0.02));
      const indexMs: number[] = [];
      const exactMs: number[] = [];
      let recall = 0;
      for (const vector of queries) {
        const started = performance.now();
        const hits = await index.search({ tenantId, vector, limit: 10, filter: {} });
        indexMs.push(performance.now() - started);
        const exactStarted = performance.now();
        const exact: Array<{ id: string }> = await dataSource.transaction(async (manager) => {
          await manager.query(`SET LOCAL enable_indexscan = off`);
          return manager.query(
            `SELECT memory_id AS id FROM memory_vectors WHERE tenant_id = $2 AND model = $3
              ORDER BY embedding::vector(${space.dimensions}) <=> $1::vector(${space.dimensions}) LIMIT 10`,
            [vectorLiteral(vector), tenantId, space.model],
          );
        });
        exactMs.push(performance.now() - exactStarted);
        const truth = new Set(exact.map((r) => r.id));
        recall += hits.filter((hit) => truth.has(hit.id)).length / 10;
      }
      const lexicalMs: number[] = [];
      const coverageMs: number[] = [];
      for (let q = 0; q < QUERIES; q++) {
        const text = withTail(samples[q].content);
        let started = performance.now();
        const hits = await lexical.search({ tenantId, text, limit: 100, filter: {} });
        lexicalMs.push(performance.now() - started);
        started = performance.now();
        await memories.withWordCoverage(tenantId, hits.slice(0, 30).map((h) => h.id).concat(`mem_b${q}`), text);
        coverageMs.push(performance.now() - started);
      }
      const hybridMs: number[] = [];
      for (const [q, vector] of queries.entries()) {
        const precomputed = { ...space, similarityRange: embeddings.similarityRange, embed: async () => [vector] };
        const hybrid = new HybridSearch(precomputed, index, lexical, memories, metrics);
        const started = performance.now();
        await hybrid.search({ tenantId, text: withTail(samples[q].content), limit: 10, minRelevance: 0, filter: {} });
        if (q >= WARM_UP) hybridMs.push(performance.now() - started);
      }
      const questions = Array.from({ length: QUERIES + WARM_UP }, (_, i) => `what did ${samples[i % samples.length].content.split(' ').slice(0, 5).join(' ')} say about ${zipfWord()}?`);
      const embedOnly = await concurrently(QUERIES, CLIENTS, async (i) => void (await embeddings.embed([`${questions[i]} ${i}`], 'query')));
      for (let i = 0; i < WARM_UP; i++) await search(headers, questions[QUERIES + i]);
      const alone = await concurrently(QUERIES, 1, (i) => search(headers, `${questions[i]} alone`));
      const cpuBefore = cpuByCommand();
      const gatewayMs = await concurrently(QUERIES, CLIENTS, (i) => search(headers, questions[i]));
      const cpu = cpuPerUnit(cpuBefore, cpuByCommand(), QUERIES);
      console.log(
        `  ${String(size).padStart(6)} memories  through the gateway, ${CLIENTS} clients: p50 ${fmt(percentile(gatewayMs, 50))}  p95 ${fmt(percentile(gatewayMs, 95))}` +
          `  | floors: exact search p50 ${fmt(percentile(exactMs, 50))} p95 ${fmt(percentile(exactMs, 95))},` +
          ` query embedding alone (${CLIENTS} clients) p50 ${fmt(percentile(embedOnly, 50))} p95 ${fmt(percentile(embedOnly, 95))}`,
      );
      console.log(`  ${''.padStart(6)}           one client at a time: p50 ${fmt(percentile(alone, 50))}  p95 ${fmt(percentile(alone, 95))}`);
      console.log(`  ${''.padStart(6)}           CPU ms per search through the gateway, by process: ${cpu}`);
      console.log(
        `  ${''.padStart(6)}           in process: index p50 ${fmt(percentile(indexMs, 50))} p95 ${fmt(percentile(indexMs, 95))} recall@10 ${(recall / QUERIES).toFixed(3)}` +
          `  | hybrid, embedding precomputed, p50 ${fmt(percentile(hybridMs, 50))} p95 ${fmt(percentile(hybridMs, 95))}` +
          ` (its BM25 side p50 ${fmt(percentile(lexicalMs, 50))}, rows and word coverage p50 ${fmt(percentile(coverageMs, 50))})  (index built in ${buildSeconds.toFixed(1)} s)`,
      );
    }
    console.log('  goals: through the gateway p95 ≤ 30 ms at 10k and ≤ 50 ms at 100k, embedding included; index recall@10 ≥ 0.95');
  } finally {
    await dataSource.query(`DELETE FROM memories WHERE tenant_id = $1`, [tenantId]).catch(() => undefined);
    await dataSource.query(`DELETE FROM tenant_usage WHERE tenant_id = $1`, [tenantId]).catch(() => undefined);
    await embeddings.close();
    await dataSource.destroy();
    await Promise.all([gateway.stop(), memory.stop()]);
  }
}

async function search(headers: Record<string, string>, query: string): Promise<void> {
  const res = await fetch(`${GATEWAY}/api/v1/memories/search`, { method: 'POST', headers, body: JSON.stringify({ query, limit: 10 }) });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`search answered ${res.status}`);
}

/** Memories per second through POST /api/v1/memories/batch (100 a request, 2 clients), embedding included. */
async function ingestion(headers: Record<string, string>): Promise<string> {
  const samples = sampleMemories();
  const { tenantId, key } = await aTenant(GATEWAY);
  const auth = { ...headers, Authorization: `Bearer ${key}` };
  const batches = 20;
  const post = async (b: number) => {
    const memories = Array.from({ length: 100 }, (_, j) => {
      const s = samples[(b * 100 + j) % samples.length];
      return { content: `${s.content} (${b}.${j})`, type: s.type, tags: s.tags };
    });
    const res = await fetch(`${GATEWAY}/api/v1/memories/batch`, { method: 'POST', headers: auth, body: JSON.stringify({ memories }) });
    const body = (await res.json()) as { data?: { created: number } };
    if (res.status !== 200 || body.data?.created !== 100) throw new Error(`batch answered ${res.status}`);
  };
  await post(0);
  const started = performance.now();
  await concurrently(batches, 2, (b) => post(b + 1));
  const seconds = (performance.now() - started) / 1000;
  console.log(`\nIngestion through POST /api/v1/memories/batch (100 a request, 2 clients, embedding included): ${((batches * 100) / seconds).toFixed(0)} memories/s  (goal ≥ 150/s)`);
  console.log(`  (${batches * 100} memories in ${seconds.toFixed(1)} s)`);
  return tenantId;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
