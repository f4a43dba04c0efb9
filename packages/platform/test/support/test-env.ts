import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Kafka, logLevel } from 'kafkajs';
import { JsonLogger } from '../../src/logging/json-logger';
import { KafkaBus } from '../../src/kafka/kafka-bus';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { OUTBOX_MIGRATIONS } from '../../src/outbox/outbox-tables';

/** Where the integration tests find real PostgreSQL and Kafka; the test command sets these. */
export const testEnv = {
  databaseUrl: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hb_test',
  kafkaBrokers: (process.env.TEST_KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
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
export async function dropNamespace(namespace: string): Promise<void> {
  const admin = new Kafka({ brokers: testEnv.kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${namespace}.`));
    if (topics.length) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

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
