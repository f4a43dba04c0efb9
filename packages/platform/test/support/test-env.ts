import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dropKafkaNamespace, testInfra } from '@hb/testing';
import { JsonLogger } from '../../src/logging/json-logger';
import { KafkaBus } from '../../src/kafka/kafka-bus';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { OUTBOX_MIGRATIONS } from '../../src/outbox/outbox-tables';

/** Where the integration tests find real PostgreSQL and Kafka; the test command sets these. */
export const testEnv = {
  databaseUrl: testInfra.DATABASE_URL,
  kafkaBrokers: testInfra.KAFKA_BROKERS.split(','),
};

export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A logger that keeps its lines, so tests stay quiet and can read what was logged. */
export function memoryLogger(service = 'test'): JsonLogger & { lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = new JsonLogger(service, 'test', 'debug', { write: (line: string) => lines.push(JSON.parse(line)) });
  return Object.assign(logger, { lines });
}

export function aBus(service: string, namespace: string, instanceId = uniqueName('i')): KafkaBus {
  return new KafkaBus({ brokers: testEnv.kafkaBrokers, service, instanceId, namespace, logger: memoryLogger(service) });
}

/** Deletes every topic of a test namespace. */
export const dropNamespace = (namespace: string): Promise<void> => dropKafkaNamespace(namespace);

export interface TestSchema {
  name: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/** A throwaway schema with the outbox and inbox tables, as a service's first migration makes them. */
export async function aTestSchema(extraSql: string[] = []): Promise<TestSchema> {
  const name = uniqueName('t_');
  const admin = new DataSource({ type: 'postgres', url: testEnv.databaseUrl });
  await admin.initialize();
  await admin.query(`CREATE SCHEMA "${name}"`);
  await admin.destroy();
  const dataSource = new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, schema: name, entities: [], migrations: [] }));
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  for (const Migration of OUTBOX_MIGRATIONS) await new Migration().up(runner);
  for (const sql of extraSql) await runner.query(sql);
  await runner.release();
  return {
    name,
    dataSource,
    drop: async () => {
      await dataSource.query(`DROP SCHEMA "${name}" CASCADE`);
      await dataSource.destroy();
    },
  };
}

export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
