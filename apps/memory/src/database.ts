import { OUTBOX_MIGRATIONS, type ServiceDatabase } from '@hb/platform';
import { MemoryEntity } from './memories/memory.entity';
import { TenantUsageEntity } from './memories/tenant-usage.entity';
import { CreateMemories1763900200000 } from './migrations/1763900200000-create-memories';
import { AddSearchIndexes1763900300000 } from './migrations/1763900300000-add-search-indexes';

/** The memory's own schema, its entities and its migrations, in the order they apply. */
export const DATABASE: Omit<ServiceDatabase, 'url'> = {
  schema: 'memory',
  entities: [MemoryEntity, TenantUsageEntity],
  migrations: [...OUTBOX_MIGRATIONS, CreateMemories1763900200000, AddSearchIndexes1763900300000],
};
