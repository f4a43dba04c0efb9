import { Kafka, logLevel } from 'kafkajs';

/** Where tests find real PostgreSQL, Redis and Kafka; the test command sets these. */
export const testInfra = {
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hb_test',
  REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15',
  KAFKA_BROKERS: process.env.TEST_KAFKA_BROKERS ?? '127.0.0.1:9092',
};

/** Deletes every topic of a test's Kafka namespace, so test runs leave the broker as they found it. */
export async function dropKafkaNamespace(namespace: string, brokers = testInfra.KAFKA_BROKERS.split(',')): Promise<void> {
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${namespace}.`));
    if (topics.length) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

export interface EventRecorder {
  stop(): Promise<void>;
}

/**
 * Reads a topic from its start into `into`, each message parsed as JSON, as it arrives: how a test
 * sees the events a service emitted. Stop it before the suite ends.
 */
export async function recordEvents<T>(topic: string, groupId: string, into: T[], brokers = testInfra.KAFKA_BROKERS.split(',')): Promise<EventRecorder> {
  const reader = new Kafka({ brokers, logLevel: logLevel.NOTHING }).consumer({ groupId, maxWaitTimeInMs: 100 });
  await reader.connect();
  await reader.subscribe({ topic, fromBeginning: true });
  await reader.run({ eachMessage: async ({ message }) => void into.push(JSON.parse(message.value!.toString()) as T) });
  return { stop: () => reader.disconnect() };
}
