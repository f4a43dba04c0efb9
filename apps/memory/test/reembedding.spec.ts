import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { JsonLogger, Metrics, dataSourceOptions, runMigrations } from '@hb/platform';
import { testInfra } from '@hb/testing';
import { DATABASE } from '../src/database';
import { OnnxEmbeddingProvider } from '../src/embeddings/onnx/onnx-embedding.provider';
import { ReembeddingRepository } from '../src/reembedding/reembedding.repository';
import { ReembeddingWorker } from '../src/reembedding/reembedding.worker';
import { PgVectorIndex } from '../src/search/pgvector-index.repository';

const databaseUrl = testInfra.DATABASE_URL;
const modelDir = process.env.EMBEDDINGS_MODEL_DIR ?? join(homedir(), '.cache/heartbeat-platform/models/e5-small-v2-q');
const MEMORIES = 150;

/**
 * An install of the previous version (USE-lite's 512-d vectors, no model column) upgraded in
 * place: the migration keeps every vector, and the re-embedding brings them to e5-small-v2, resuming
 * where a stopped run left off, while the old vectors are never searched beside the new ones.
 */
describe('upgrading USE-lite vectors to e5-small-v2', () => {
  const schema = `reembed_${randomBytes(4).toString('hex')}`;
  const db = { ...DATABASE, schema, url: databaseUrl };
  const contents = Array.from({ length: MEMORIES }, (_, i) => `Note ${i}: the weekly report for project ${i % 7} is due on Friday.`);
  contents[42] = 'Priya adopted a rescue greyhound called Biscuit last spring.';
  let dataSource: DataSource;
  let embeddings: OnnxEmbeddingProvider;
  let index: PgVectorIndex;
  let repository: ReembeddingRepository;

  beforeAll(async () => {
    // The schema as the previous version left it, with its data.
    await runMigrations({ ...db, migrations: DATABASE.migrations.filter((m) => m.name !== 'VectorsPerModel1764600000000') });
    const old = new DataSource(dataSourceOptions({ ...db, migrations: [] }));
    await old.initialize();
    const ids = contents.map((_, i) => `mem_old${i}`);
    await old.query(
      `INSERT INTO memories (id, tenant_id, content, type, importance, tags, metadata, size_bytes)
       SELECT id, 'tenant_a', content, 'semantic', 0.5, '{}', '{}', length(content) FROM unnest($1::text[], $2::text[]) AS t(id, content)`,
      [ids, contents],
    );
    const oldVector = `[${Array.from({ length: 512 }, (_, k) => (k === 0 ? 1 : 0)).join(',')}]`;
    await old.query(`INSERT INTO memory_vectors (memory_id, tenant_id, embedding) SELECT id, 'tenant_a', $2 FROM unnest($1::text[]) AS id`, [ids, oldVector]);
    await old.destroy();

    await runMigrations(db);
    dataSource = new DataSource(dataSourceOptions(db));
    await dataSource.initialize();
    embeddings = new OnnxEmbeddingProvider({ dir: modelDir, threads: 1 });
    index = new PgVectorIndex(dataSource, { model: embeddings.model, dimensions: embeddings.dimensions });
    repository = new ReembeddingRepository(dataSource);
  });

  afterAll(async () => {
    await embeddings.close();
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
  });

  const worker = () => new ReembeddingWorker(repository, embeddings, index, new JsonLogger('memory', 'test', 'error'), new Metrics('memory'));

  it('keeps every old vector through the migration, marked with its model', async () => {
    expect(await repository.countByModel()).toEqual({ 'use-lite-512': MEMORIES });
  });

  it('never searches the old model’s vectors beside the new one’s', async () => {
    const [query] = await embeddings.embed(['Who got a new dog?'], 'query');
    expect(await index.search({ tenantId: 'tenant_a', vector: query, limit: 10, filter: {} })).toEqual([]);
  });

  it('resumes a stopped run and brings every vector to the new model, none lost', async () => {
    // A run that stopped after its first batch (a crash releases the batch's locks likewise).
    const first = await repository.replaceBatch(embeddings.model, 64, (rows) => embeddings.embed(rows.map((r) => r.content), 'document'));
    expect(first).toBe(64);
    expect(await repository.countByModel()).toEqual({ 'e5-small-v2': 64, 'use-lite-512': MEMORIES - 64 });

    expect(await worker().run()).toBe(MEMORIES - 64);
    expect(await repository.countByModel()).toEqual({ 'e5-small-v2': MEMORIES });
    const [{ width }] = await dataSource.query(`SELECT DISTINCT vector_dims(embedding) AS width FROM memory_vectors`);
    expect(width).toBe(384);
    expect(await worker().run()).toBe(0);
  });

  it('finds the upgraded memories by meaning', async () => {
    const [query] = await embeddings.embed(['Who got a new dog?'], 'query');
    const hits = await index.search({ tenantId: 'tenant_a', vector: query, limit: 3, filter: {} });
    expect(hits[0].id).toBe('mem_old42');
  });
});
