import { OUTBOX_MIGRATIONS, type ServiceDatabase } from '@hb/platform';
import { CreateWebhooks1763901000000 } from './migrations/1763901000000-create-webhooks';

/** The dispatcher's own schema and its migrations, in the order they apply (SQL, no entities). */
export const DATABASE: Omit<ServiceDatabase, 'url'> = {
  schema: 'webhooks',
  entities: [],
  migrations: [...OUTBOX_MIGRATIONS, CreateWebhooks1763901000000],
};
