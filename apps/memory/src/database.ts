import { CreateOutbox1763900000000, type ServiceDatabase } from '@hb/platform';

/** The memory's own schema, its entities and its migrations, in the order they apply. */
export const DATABASE: Omit<ServiceDatabase, 'url'> = {
  schema: 'memory',
  entities: [],
  migrations: [CreateOutbox1763900000000],
};
