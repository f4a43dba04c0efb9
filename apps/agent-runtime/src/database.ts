import type { ServiceDatabase } from '@hb/platform';
import { CreateOutbox1763900000000 } from './migrations/1763900000000-create-outbox';

/** The agent-runtime's own schema, its entities and its migrations, in the order they apply. */
export const DATABASE: Omit<ServiceDatabase, 'url'> = {
  schema: 'agent_runtime',
  entities: [],
  migrations: [CreateOutbox1763900000000],
};
