import { OUTBOX_MIGRATIONS, type ServiceDatabase } from '@hb/platform';
import { MemoryEntity } from './memories/memory.entity';
import { TenantUsageEntity } from './memories/tenant-usage.entity';
import { CreateMemories1763900200000 } from './migrations/1763900200000-create-memories';
import { AddSearchIndexes1763900300000 } from './migrations/1763900300000-add-search-indexes';
import { AddLexemeDocuments1763900500000 } from './migrations/1763900500000-add-lexeme-documents';
import { VectorsPerModel1764600000000 } from './migrations/1764600000000-vectors-per-model';
import { MemoryIdempotencyKeys1764700000000 } from './migrations/1764700000000-memory-idempotency-keys';

/** The memory's own schema, its entities and its migrations, in the order they apply. */
export const DATABASE: Omit<ServiceDatabase, 'url'> = {
  schema: 'memory',
  entities: [MemoryEntity, TenantUsageEntity],
  // pgvector's HNSW search: a wider candidate list than the default 40 (recall@10 ≥ 0.95 at 100k),
  // and iterative scans so a tenant filter does not starve the result when the tenant is a small
  // part of the index. Set per connection, so a search is a single statement.
  settings: { 'hnsw.ef_search': 100, 'hnsw.iterative_scan': 'relaxed_order' },
  migrations: [
    ...OUTBOX_MIGRATIONS,
    CreateMemories1763900200000,
    AddSearchIndexes1763900300000,
    AddLexemeDocuments1763900500000,
    VectorsPerModel1764600000000,
    MemoryIdempotencyKeys1764700000000,
  ],
};
