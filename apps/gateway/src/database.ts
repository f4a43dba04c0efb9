import { OUTBOX_MIGRATIONS, type ServiceDatabase } from '@hb/platform';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { CreateTenantsAndKeys1763900100000 } from './migrations/1763900100000-create-tenants-and-keys';
import { TenantEntity } from './tenants/tenant.entity';

/** The gateway's own schema, its entities and its migrations, in the order they apply. */
export const DATABASE: Omit<ServiceDatabase, 'url'> = {
  schema: 'gateway',
  entities: [TenantEntity, ApiKeyEntity],
  migrations: [...OUTBOX_MIGRATIONS, CreateTenantsAndKeys1763900100000],
};
