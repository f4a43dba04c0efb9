// Heartbeat fires with two scheduler replicas against one database, dispatching to a real agent
// runtime over Kafka (no model configured: each run ends at once as model_not_configured, so the
// figures are the scheduler's and the dispatch's, not a model's).
// 1. Lateness: a few hundred heartbeats due at spread times; a fire's lateness is its fired_at
//    (the replica marking it running, just before the invoke goes out) minus its scheduled time.
//    Floor: a bare Node timer in this process aimed at the same times.
// 2. Burst: 10,000 heartbeats due in the same second: the time from that second until every one is
//    dispatched (its invoke written to the runtime's command topic), then until the runtime has
//    accepted every run, and duplicates (runs beyond one per occurrence). Floor: the runtime
//    accepting the same number of invokes sent straight to it by one client, 128 at a time.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { AgentCommands, platformTopicSpecs } from '@hb/contracts';
import { CommandClient, JsonLogger, KafkaBus } from '@hb/platform';
import { ROOT, benchEnv, fmt, migrate, percentile, startProcess, type Proc } from './support';

const SPREAD_FIRES = Number(process.env.BENCH_HEARTBEAT_FIRES ?? 300);
const BURST = Number(process.env.BENCH_HEARTBEAT_BURST ?? 10_000);
const BOTS = 100;
const FLOOR_CONCURRENCY = 128;
const GOAL_LATENESS_P99_MS = 250;
const GOAL_BURST_MS = 10_000;
const QUOTA = JSON.stringify({ memories: null, storageBytes: null });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const namespace = `bench${randomBytes(3).toString('hex')}`;
  const tenant = `bench_${namespace}`;
  const env = { ...benchEnv, KAFKA_NAMESPACE: namespace, LOG_LEVEL: 'warn' };
  for (const app of ['agent-runtime', 'heartbeat-scheduler']) await migrate(app, env);
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  const bots = Array.from({ length: BOTS }, (_, i) => `agt_${namespace}_${i}`);
  await db.query(
    `INSERT INTO agent_runtime.agents (id, tenant_id, name, max_tokens, heartbeat) SELECT id, $2, 'bench', 64, true FROM unnest($1::text[]) AS id`,
    [bots, tenant],
  );
  const processes: Proc[] = [];
  const bus = new KafkaBus({ brokers: env.KAFKA_BROKERS.split(','), service: 'gateway', instanceId: namespace, namespace, logger: new JsonLogger('bench', namespace, 'error') });
  try {
    processes.push(await startProcess(join(ROOT, 'apps/agent-runtime/dist/main.js'), { ...env, PORT: '14001', AUTO_MEMORY: 'false' }, 'http://127.0.0.1:14001/health/ready'));

    // The burst's floor: the runtime taking 10,000 heartbeat invokes from one client directly.
    await bus.connect();
    await bus.ensureTopics(platformTopicSpecs());
    const client = new CommandClient(bus, new JsonLogger('bench', namespace, 'error'), 30_000);
    await client.start();
    const invoke = (i: number) =>
      client.request(AgentCommands.Invoke, {
        tenantId: tenant,
        agentId: bots[i % BOTS],
        message: 'floor',
        wait: false,
        trigger: 'heartbeat',
        idempotencyKey: `floor_${namespace}_${i}`,
        memoryQuota: { memories: null, storageBytes: null },
      }, { tenantId: tenant });
    const pool = async (count: number, offset: number) => {
      let next = 0;
      await Promise.all(Array.from({ length: FLOOR_CONCURRENCY }, async () => {
        while (next < count) await invoke(offset + next++);
      }));
    };
    await pool(500, BURST);
    const floorStarted = Date.now();
    await pool(BURST, 0);
    const floorMs = Date.now() - floorStarted;
    await client.stop();
    await bus.disconnect();

    for (const table of ['agents', 'conversations', 'runs']) await db.query(`VACUUM ANALYZE agent_runtime.${table}`);
    const scheduler = (port: number) =>
      startProcess(join(ROOT, 'apps/heartbeat-scheduler/dist/main.js'), { ...env, PORT: String(port) }, `http://127.0.0.1:${port}/health/ready`);
    processes.push(...(await Promise.all([scheduler(14002), scheduler(14012)])));

    const insertHeartbeats = (prefix: string, dueAt: Date[]) =>
      db.query(
        `INSERT INTO heartbeat.heartbeats (id, tenant_id, bot_id, prompt, interval_minutes, timezone, enabled, max_consecutive_errors,
                                           credits_period, memory_quota, anchor_at, next_fire_at)
         SELECT $1 || n, $2, ($3::text[])[1 + n % $4], 'bench tick', 1440, 'UTC', true, 1000000, to_char(now(), 'YYYY-MM'), $5, due, due
           FROM unnest($6::timestamptz[]) WITH ORDINALITY AS d(due, n)`,
        [prefix, tenant, bots, BOTS, QUOTA, dueAt],
      );

    // 1. Lateness over spread fires, and the bare timer beside them.
    const firstDue = Date.now() + 4000;
    const spreadDue = Array.from({ length: SPREAD_FIRES }, (_, i) => new Date(firstDue + i * 100 + (i % 7) * 13));
    await insertHeartbeats(`hb_${namespace}_s`, spreadDue);
    const timerLateness: number[] = [];
    for (const due of spreadDue) setTimeout(() => timerLateness.push(Date.now() - due.getTime()), due.getTime() - Date.now());
    await sleep(spreadDue.at(-1)!.getTime() - Date.now() + 3000);
    const spread = await db.query(
      `SELECT extract(epoch FROM (fired_at - scheduled_for)) * 1000 AS late FROM heartbeat.executions
        WHERE heartbeat_id LIKE $1 AND fired_at IS NOT NULL`,
      [`hb_${namespace}_s%`],
    );
    const lateness = spread.rows.map((r: { late: string }) => Number(r.late));

    // 2. The burst: every heartbeat due in the same second, dispatched by the two replicas.
    for (const table of ['heartbeats', 'executions']) await db.query(`VACUUM ANALYZE heartbeat.${table}`);
    const burstAt = Math.ceil((Date.now() + 8000) / 1000) * 1000;
    await insertHeartbeats(`hb_${namespace}_b`, Array.from({ length: BURST }, () => new Date(burstAt)));
    // Dispatched: marked running and its invoke written to Kafka (fired_at is stamped just before
    // the write, which is awaited before the next fire job). Accepted: the runtime has answered
    // with the run's id, or the run has already ended.
    const countWhere = async (condition: string) =>
      (await db.query(`SELECT count(*)::int AS n FROM heartbeat.executions WHERE heartbeat_id LIKE $1 AND ${condition}`, [`hb_${namespace}_b%`])).rows[0].n as number;
    let acceptedMs = NaN;
    for (const deadline = burstAt + 180_000; Date.now() < deadline; await sleep(50)) {
      if ((await countWhere(`(run_id IS NOT NULL OR status IN ('success', 'error'))`)) >= BURST) {
        acceptedMs = Date.now() - burstAt;
        break;
      }
    }
    const fired = await db.query(
      `SELECT count(*)::int AS n, extract(epoch FROM max(fired_at)) * 1000 AS last FROM heartbeat.executions WHERE heartbeat_id LIKE $1 AND fired_at IS NOT NULL`,
      [`hb_${namespace}_b%`],
    );
    const dispatchedMs = fired.rows[0].n >= BURST ? Number(fired.rows[0].last) - burstAt : NaN;
    await sleep(2000);
    const burst = await db.query(
      `SELECT count(*)::int AS executions, count(DISTINCT heartbeat_id)::int AS heartbeats,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (fired_at - scheduled_for)) * 1000) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM (fired_at - scheduled_for)) * 1000) AS p99
         FROM heartbeat.executions WHERE heartbeat_id LIKE $1`,
      [`hb_${namespace}_b%`],
    );
    const runs = await db.query(
      `SELECT count(*)::int AS runs FROM agent_runtime.runs
        WHERE tenant_id = $1 AND idempotency_key LIKE 'log_%'`,
      [tenant],
    );
    const outcomes = await db.query(
      `SELECT status, error->>'code' AS code, count(*)::int AS n FROM heartbeat.executions WHERE tenant_id = $1 GROUP BY 1, 2 ORDER BY 3 DESC`,
      [tenant],
    );
    const { executions, heartbeats, p50, p99 } = burst.rows[0];
    const scheduledRuns = runs.rows[0].runs;

    console.log(`\nHeartbeat fires (two scheduler replicas, one agent runtime, one Postgres, Kafka and Redis, on this machine)`);
    console.log(`  lateness over ${lateness.length}/${SPREAD_FIRES} spread fires: p50 ${fmt(percentile(lateness, 50))}  p99 ${fmt(percentile(lateness, 99))} (goal p99 ≤ ${GOAL_LATENESS_P99_MS} ms)`);
    console.log(`    floor, a bare Node timer for the same times: p50 ${fmt(percentile(timerLateness, 50))}  p99 ${fmt(percentile(timerLateness, 99))}`);
    console.log(`  ${BURST} heartbeats due in the same second: all dispatched to the runtime over Kafka ${(dispatchedMs / 1000).toFixed(2)} s after it (goal ≤ ${GOAL_BURST_MS / 1000} s)`);
    console.log(`    lateness of their fires p50 ${fmt(Number(p50))}  p99 ${fmt(Number(p99))}`);
    console.log(`    all accepted by the runtime (run created) ${(acceptedMs / 1000).toFixed(2)} s after it`);
    console.log(`    floor, the runtime accepting ${BURST} invokes sent straight to it (${FLOOR_CONCURRENCY} at a time): ${(floorMs / 1000).toFixed(2)} s`);
    console.log(`  outcomes: ${outcomes.rows.map((r: { status: string; code: string | null; n: number }) => `${r.n} ${r.status}${r.code ? ` (${r.code})` : ''}`).join(', ')}`);
    console.log(`  duplicates: ${executions - heartbeats} extra executions, ${scheduledRuns - (lateness.length + heartbeats)} extra runs (${scheduledRuns} runs for ${lateness.length + heartbeats} occurrences; must be 0)`);
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await db.query(`DELETE FROM heartbeat.executions WHERE tenant_id = $1`, [tenant]);
    await db.query(`DELETE FROM heartbeat.heartbeats WHERE tenant_id = $1`, [tenant]);
    await db.query(`DELETE FROM agent_runtime.agents WHERE tenant_id = $1`, [tenant]);
    await db.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
