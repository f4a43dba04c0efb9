import { OUTBOX_MIGRATIONS, type ServiceDatabase } from '@hb/platform';
import { CreateWebhooks1763901000000 } from './migrations/1763901000000-create-webhooks';
import { AddDeliveryTraceContext1764200000000 } from './migrations/1764200000000-add-delivery-trace-context';

/** The dispatcher's own schema and its migrations, in the order they apply (SQL, no entities). */
export const DATABASE: Omit<ServiceDatabase, 'url'> = {
  schema: 'webhooks',
  entities: [],
  migrations: [...OUTBOX_MIGRATIONS, CreateWebhooks1763901000000, AddDeliveryTraceContext1764200000000],
};
