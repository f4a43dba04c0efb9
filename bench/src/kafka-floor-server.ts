// The Kafka floor for the gateway benchmark: the read of floor-server.js (one SELECT by primary
// key), asked over Kafka the way the platform asks it, with nothing else: no framework, no auth,
// no rate limit, no validation, no envelope. Two processes, as the platform has:
//   KAFKA_FLOOR_ROLE=front  an HTTP server; GET /items/{id} produces a command and answers with its
//                           reply, read by a consumer group of its own on the reply topic
//   KAFKA_FLOOR_ROLE=back   a consumer group on the command topic; each command is one SELECT, and
//                           its result goes back on the reply topic
// kafkajs, the topics' partition counts, the consumer settings and the batching of concurrent sends
// (ProduceBatcher: kafkajs has no linger) are the platform's (KafkaBus): what this costs per read
// is what the architecture itself costs, before any of the rest of the platform's code.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { COMMAND_TOPIC_PARTITIONS as PARTITIONS } from '@hb/contracts';
// Only the batcher: the platform's index would load NestJS and the rest with it.
import { ProduceBatcher } from '@hb/platform/dist/kafka/produce-batcher';

const ROLE = process.env.KAFKA_FLOOR_ROLE;
const PREFIX = process.env.KAFKA_NAMESPACE ?? 'kafkafloor';
const COMMANDS = `${PREFIX}.floor.commands`;
const REPLIES = `${PREFIX}.floor.replies`;
/** KafkaBus's defaults: a 3 s session, heartbeats and fetch waits a third of it. */
const CONSUMER = { sessionTimeout: 3000, heartbeatInterval: 1000, maxWaitTimeInMs: 1000, allowAutoTopicCreation: false };

const kafka = new Kafka({ clientId: `kafka-floor-${ROLE}`, brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.ERROR });
const producer = kafka.producer({ allowAutoTopicCreation: false });
const sends = new ProduceBatcher(producer);
/** Left on SIGTERM, so that a restarted floor's consumer joins its group without waiting out this one. */
const consumers: Array<ReturnType<Kafka['consumer']>> = [];

async function ensureTopics(): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const missing = [COMMANDS, REPLIES].filter((topic) => !existing.has(topic));
  // Both roles start together: one of them may find the other's topic made meanwhile.
  if (missing.length > 0) await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: PARTITIONS })) }).catch(() => undefined);
  await admin.fetchTopicMetadata({ topics: [COMMANDS, REPLIES] });
  await admin.disconnect();
}

/** Resolves after the consumer's first fetch, when its group's starting offset is fixed. */
async function firstFetch(consumer: ReturnType<Kafka['consumer']>): Promise<void> {
  await new Promise<void>((resolve) => consumer.on(consumer.events.FETCH, () => resolve()));
}

async function front(): Promise<void> {
  const pending = new Map<string, (reply: string) => void>();
  const replies = kafka.consumer({ groupId: `${PREFIX}.floor.replies.${randomUUID()}`, ...CONSUMER });
  consumers.push(replies);
  await Promise.all([producer.connect(), replies.connect()]);
  await replies.subscribe({ topics: [REPLIES], fromBeginning: false });
  const fetched = firstFetch(replies);
  // As the platform's reply consumer: no offsets committed, partitions read concurrently.
  await replies.run({
    autoCommit: false,
    partitionsConsumedConcurrently: PARTITIONS,
    eachMessage: async ({ message }) => {
      const id = message.headers?.['correlation-id']?.toString();
      const settle = id === undefined ? undefined : pending.get(id);
      if (settle) {
        pending.delete(id!);
        settle(message.value?.toString() ?? '');
      }
    },
  });
  await fetched;
  createServer((req, res) => {
    if (req.url === '/ready') {
      res.writeHead(200).end();
      return;
    }
    const id = /^\/items\/([0-9a-f-]{36})$/.exec(req.url ?? '')?.[1];
    if (req.method !== 'GET' || !id) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const correlationId = randomUUID();
    const reply = new Promise<string>((resolve) => pending.set(correlationId, resolve));
    sends
      .send(COMMANDS, [{ key: correlationId, value: JSON.stringify({ id }), headers: { 'correlation-id': correlationId } }])
      .then(() => reply)
      .then(
        (body) => res.writeHead(body.startsWith('{"data"') ? 200 : 404, { 'content-type': 'application/json' }).end(body),
        (error: Error) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: error.message })),
      );
  }).listen(Number(process.env.PORT), '127.0.0.1');
}

async function back(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const commands = kafka.consumer({ groupId: `${PREFIX}.floor.commands`, ...CONSUMER });
  consumers.push(commands);
  await Promise.all([producer.connect(), commands.connect()]);
  await commands.subscribe({ topics: [COMMANDS], fromBeginning: false });
  // As the platform's reads: offsets committed within a second, several at a time.
  await commands.run({
    autoCommitInterval: 1000,
    partitionsConsumedConcurrently: PARTITIONS,
    eachMessage: async ({ message }) => {
      const { id } = JSON.parse(message.value!.toString()) as { id: string };
      const { rows } = await pool.query('SELECT id, content, created_at FROM bench_floor_items WHERE id = $1', [id]);
      const body = rows[0] ? JSON.stringify({ data: rows[0] }) : '{"error":"not found"}';
      await sends.send(REPLIES, [{ key: message.key, value: body, headers: { 'correlation-id': message.headers!['correlation-id']! } }]);
    },
  });
  // Ready as soon as it is consuming: the front's readiness is what the benchmark waits for.
  createServer((_req, res) => res.writeHead(200).end()).listen(Number(process.env.PORT), '127.0.0.1');
}

process.on('SIGTERM', () => {
  void Promise.allSettled([producer.disconnect(), ...consumers.map((consumer) => consumer.disconnect())]).finally(() => process.exit(0));
});

void ensureTopics()
  .then(() => (ROLE === 'front' ? front() : back()))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
