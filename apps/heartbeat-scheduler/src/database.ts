import { OUTBOX_MIGRATIONS, type ServiceDatabase } from '@hb/platform';
import { CreateHeartbeats1763901100000 } from './migrations/1763901100000-create-heartbeats';

/** The heartbeat-scheduler's own schema and its migrations, in the order they apply (SQL, no entities). */
export const DATABASE: Omit<ServiceDatabase, 'url'> = {
  schema: 'heartbeat',
  entities: [],
  migrations: [...OUTBOX_MIGRATIONS, CreateHeartbeats1763901100000],
};
