import { OUTBOX_MIGRATIONS, type ServiceDatabase } from '@hb/platform';

/** The agent-runtime's own schema, its entities and its migrations, in the order they apply. */
export const DATABASE: Omit<ServiceDatabase, 'url'> = {
  schema: 'agent_runtime',
  entities: [],
  migrations: [...OUTBOX_MIGRATIONS],
};
