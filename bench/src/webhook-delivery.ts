// Webhook delivery: memory.created events published on Kafka (as the memory service's outbox
// relay does) at a fixed rate, one webhook per tenant over many tenants, delivered by the
// dispatcher to a local receiver. Prints deliveries per second and event-to-delivery latency
// (the event's occurredAt to its arrival at the receiver, signature included) under that load.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { Topics, platformTopicSpecs, type EventEnvelope } from '@hb/contracts';
import { JsonLogger, KafkaBus } from '@hb/platform';
import { ROOT, benchEnv, fmt, migrate, percentile, startProcess } from './support';

const RATE = Number(process.env.BENCH_WEBHOOK_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 10);
const ENDPOINTS = 50;
const GOAL_RATE = 1000;
const GOAL_P99_MS = 200;

async function main(): Promise<void> {
  const arrivals: Array<{ at: number; occurredAt: number }> = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { metadata: { timestamp: string } };
      arrivals.push({ at: Date.now(), occurredAt: Date.parse(body.metadata.timestamp) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;

  const namespace = `bench${randomBytes(3).toString('hex')}`;
  const env = { ...benchEnv, KAFKA_NAMESPACE: namespace, LOG_LEVEL: 'warn' };
  await migrate('webhook-dispatcher', env);
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  const tenants = Array.from({ length: ENDPOINTS }, (_, i) => `bench_${namespace}_${i}`);
  for (const [i, tenant] of tenants.entries()) {
    await db.query(
      `INSERT INTO webhooks.webhooks (id, tenant_id, name, url, events, secret, status) VALUES ($1, $2, 'bench', $3, '{memory.created}', 'bench-secret', 'active')`,
      [`wh_${namespace}_${i}`, tenant, `http://localhost:${port}/hook/${i}`],
    );
  }
  // As autovacuum leaves tables in steady use (it may be off on a development database).
  for (const table of ['webhooks', 'deliveries', 'attempts']) await db.query(`VACUUM ANALYZE webhooks.${table}`);
  const dispatcher = await startProcess(
    join(ROOT, 'apps/webhook-dispatcher/dist/main.js'),
    { ...env, PORT: '14004', WEBHOOK_ALLOWED_HOSTS: 'localhost' },
    'http://127.0.0.1:14004/health/ready',
  );
  const bus = new KafkaBus({ brokers: env.KAFKA_BROKERS.split(','), service: 'bench', instanceId: namespace, namespace, logger: new JsonLogger('bench', namespace, 'error') });
  await bus.connect();
  await bus.ensureTopics(platformTopicSpecs());
  try {
    const event = (i: number): EventEnvelope<object> => ({
      id: randomUUID(),
      type: 'memory.created',
      version: 1,
      tenantId: tenants[i % tenants.length],
      occurredAt: new Date().toISOString(),
      payload: { id: `mem_${i}`, content: 'Met with Sarah about Q4 goals...', type: 'episodic', tenantId: tenants[i % tenants.length] },
    });
    // Warm up, then measure: events sent in 10 ms batches at the target rate, open loop.
    const send = async (count: number, seconds: number) => {
      const perBatch = Math.max(1, Math.round(count / seconds / 100));
      const started = Date.now();
      for (let sent = 0, batch = 0; sent < count; batch++) {
        const wait = started + batch * 10 - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const events = Array.from({ length: Math.min(perBatch, count - sent) }, (_, j) => event(sent + j));
        await bus.publish(Topics.MemoryEvents, events, (e) => e.tenantId);
        sent += events.length;
      }
    };
    await send(500, 1);
    while (arrivals.length < 500) await new Promise((resolve) => setTimeout(resolve, 50));
    arrivals.length = 0;
    const total = RATE * SECONDS;
    const started = Date.now();
    await send(total, SECONDS);
    const deadline = Date.now() + 60_000;
    while (arrivals.length < total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const seconds = (Math.max(...arrivals.map((a) => a.at)) - started) / 1000;
    const latencies = arrivals.map((a) => a.at - a.occurredAt);
    console.log(`\nWebhook delivery (${total} memory.created events at ${RATE}/s over ${ENDPOINTS} endpoints, local receiver answering 204)`);
    console.log(`  delivered ${arrivals.length}/${total} in ${seconds.toFixed(1)} s: ${(arrivals.length / seconds).toFixed(0)} deliveries/s (goal ≥ ${GOAL_RATE})`);
    console.log(`  event-to-delivery p50 ${fmt(percentile(latencies, 50))}  p99 ${fmt(percentile(latencies, 99))} (goal p99 ≤ ${GOAL_P99_MS} ms)`);
  } finally {
    await bus.disconnect();
    await dispatcher.stop();
    await db.query(`DELETE FROM webhooks.webhooks WHERE tenant_id = ANY($1)`, [tenants]);
    await db.end();
    receiver.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
