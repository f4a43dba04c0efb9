import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type ServiceDatabase } from '../data-source-options';

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
