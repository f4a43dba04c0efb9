import { OUTBOX_MIGRATIONS, type ServiceDatabase } from '@hb/platform';

/** The heartbeat-scheduler's own schema, its entities and its migrations, in the order they apply. */
export const DATABASE: Omit<ServiceDatabase, 'url'> = {
  schema: 'heartbeat',
  entities: [],
  migrations: [...OUTBOX_MIGRATIONS],
};
