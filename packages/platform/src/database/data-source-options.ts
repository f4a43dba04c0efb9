import type { MixedList } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { OutboxRecord } from '../outbox/outbox-record.entity';
import { ProcessedEventRecord } from '../outbox/processed-event.entity';

export interface ServiceDatabase {
  url: string;
  /** The service's own schema: no service reads another's tables. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  /** Settings every connection starts with (`-c name=value`), e.g. an index's search parameters. */
  settings?: Record<string, string | number>;
}

/** TypeORM options shared by the running service and its migration command. */
export function dataSourceOptions(db: ServiceDatabase): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url: db.url,
    schema: db.schema,
    entities: [...(db.entities as unknown[]), OutboxRecord, ProcessedEventRecord] as PostgresConnectionOptions['entities'],
    migrations: db.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: 10,
      connectionTimeoutMillis: 3000,
      // Raw SQL resolves unqualified names in the service's schema; public holds extensions (vector).
      options: [`-c search_path=${db.schema},public`, ...Object.entries(db.settings ?? {}).map(([name, value]) => `-c ${name}=${value}`)].join(' '),
    },
  };
}
