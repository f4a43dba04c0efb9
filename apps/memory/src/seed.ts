import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@hb/platform';
import { loadEnv } from './config/env';
import { DATABASE } from './database';
import { embeddingProviderFor } from './embeddings/embedding-provider.factory';
import { sizeOf } from './memories/memory.view';
import { writeVectorRows } from './search/memory-vectors.repository';
import { SAMPLE_COUNT, TEST_TENANT_ID, sampleMemories } from './seed/sample-memories';
import { SampleMemoriesRepository } from './seed/sample-memories.repository';

/**
 * Seeds spec 003's test tenant with its 975 sample memories, embedded for search. Deterministic and
 * idempotent: fixed ids, inserted only where missing. Fixtures, not news: no events are published.
 */
async function seed(): Promise<void> {
  const line = (fields: object) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), service: 'memory', ...fields })}\n`);
  const env = loadEnv();
  const dataSource = new DataSource(dataSourceOptions({ ...DATABASE, url: env.DATABASE_URL }));
  await dataSource.initialize();
  try {
    const rows = new SampleMemoriesRepository(dataSource);
    const samples = sampleMemories();
    const existing = await rows.existingIds(samples.map((sample) => sample.id));
    const missing = samples.filter((sample) => !existing.has(sample.id));
    const embeddings = embeddingProviderFor(env);
    const space = { model: embeddings.model, dimensions: embeddings.dimensions };
    for (let i = 0; i < missing.length; i += 32) {
      const batch = missing.slice(i, i + 32);
      const vectors = await embeddings.embed(batch.map((sample) => sample.content), 'document');
      await dataSource.transaction(async (manager) => {
        let bytes = 0;
        for (const sample of batch) {
          const size = sizeOf(sample);
          bytes += size;
          await rows.insert(manager, TEST_TENANT_ID, sample, size);
        }
        await writeVectorRows(manager, space, batch.map((sample, j) => ({ id: sample.id, tenantId: TEST_TENANT_ID, vector: vectors[j] })));
        await rows.addUsage(manager, TEST_TENANT_ID, batch.length, bytes);
      });
    }
    await embeddings.close?.();
    line({ level: 'info', msg: missing.length ? 'test tenant seeded' : 'test tenant already seeded', tenantId: TEST_TENANT_ID, inserted: missing.length, total: SAMPLE_COUNT });
  } finally {
    await dataSource.destroy();
  }
}

seed().catch((error) => {
  process.stdout.write(`${JSON.stringify({ level: 'fatal', service: 'memory', msg: 'seed failed', err: String(error) })}\n`);
  process.exitCode = 1;
});
