import { Client } from 'pg';
import { DataSource, type MixedList } from 'typeorm';
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

/** Creates the schema if needed and applies pending migrations; returns the names applied. */
export async function runMigrations(db: ServiceDatabase): Promise<string[]> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${db.schema}"`);
  } finally {
    await client.end();
  }
  const dataSource = new DataSource(dataSourceOptions(db));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/** The body of each app's `migrate` command: applies its migrations, logs JSON, exits non-zero on failure. */
export async function runMigrationsCommand(service: string, url: () => string, db: Omit<ServiceDatabase, 'url'>): Promise<void> {
  const line = (level: string, fields: object) =>
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, service, ...fields })}\n`);
  try {
    const applied = await runMigrations({ ...db, url: url() });
    line('info', { msg: applied.length ? 'migrations applied' : 'schema up to date', schema: db.schema, applied });
  } catch (error) {
    line('fatal', { msg: 'migrations failed', schema: db.schema, err: error instanceof Error ? error.message : String(error) });
    process.exitCode = 1;
  }
}
