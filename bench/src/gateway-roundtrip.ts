// Gateway round trip: an authenticated, rate-limited GET /api/v1/system/ping/memory goes HTTP →
// gateway → Kafka → memory → Kafka → gateway → HTTP. The floor is a bare Node HTTP server answering
// with one Postgres query.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ROOT, UNTHROTTLED, aTenantKey, benchEnv, constantRate, fmt, maxThroughput, migrate, percentile, startProcess } from './support';

const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const GOAL_RATIO = 3;
const GOAL_P99_MS = 25;

async function main(): Promise<void> {
  const env = { ...benchEnv, KAFKA_NAMESPACE: `bench${randomBytes(3).toString('hex')}`, LOG_LEVEL: 'warn' };
  for (const app of ['gateway', 'memory']) await migrate(app, env);
  const memory = await startProcess(join(ROOT, 'apps/memory/dist/main.js'), { ...env, PORT: '14003' }, 'http://127.0.0.1:14003/health/ready');
  const gateway = await startProcess(join(ROOT, 'apps/gateway/dist/main.js'), { ...env, ...UNTHROTTLED, PORT: '14000' }, 'http://127.0.0.1:14000/health/ready');
  const floor = await startProcess(join(__dirname, 'floor-server.js'), { ...env, PORT: '14099' }, 'http://127.0.0.1:14099/ready');
  const targets = {
    gateway: 'http://127.0.0.1:14000/api/v1/system/ping/memory',
    floor: 'http://127.0.0.1:14099/ping',
  };
  const auth = { Authorization: `Bearer ${await aTenantKey('http://127.0.0.1:14000')}` };
  const headers = { gateway: auth, floor: {} };
  try {
    // Warm both paths (JIT, connection pools, Kafka fetch sessions) before measuring.
    await constantRate(targets.gateway, RATE, 3, auth);
    await constantRate(targets.floor, RATE, 3);
    const results = {
      gateway: await constantRate(targets.gateway, RATE, SECONDS, headers.gateway),
      floor: await constantRate(targets.floor, RATE, SECONDS),
    };
    const throughput = {
      gateway: await maxThroughput(targets.gateway, 32, 8, headers.gateway),
      floor: await maxThroughput(targets.floor, 32, 8),
    };
    const p = (name: keyof typeof results, q: number) => percentile(results[name].latenciesMs, q);
    console.log(`\nGateway round trip over Kafka vs a bare Node HTTP server calling Postgres (${RATE} req/s for ${SECONDS} s, open loop)`);
    for (const name of ['gateway', 'floor'] as const) {
      const r = results[name];
      console.log(
        `  ${name.padEnd(8)} p50 ${fmt(p(name, 50)).padStart(9)}  p99 ${fmt(p(name, 99)).padStart(9)}  ` +
          `achieved ${(r.latenciesMs.length / r.seconds).toFixed(0)} req/s  errors ${r.errors}  ` +
          `max ${throughput[name].rps.toFixed(0)} req/s (32 concurrent)`,
      );
    }
    const ratio = p('gateway', 50) / p('floor', 50);
    console.log(`  ratio p50 gateway/floor ${ratio.toFixed(2)}x (goal ≤ ${GOAL_RATIO}x); gateway p99 ${fmt(p('gateway', 99))} (goal < ${GOAL_P99_MS} ms)`);
  } finally {
    await Promise.all([gateway.stop(), memory.stop(), floor.stop()]);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
