// Gateway round trip: an authenticated, rate-limited GET /api/v1/system/ping/memory goes HTTP →
// gateway → Kafka → memory → Kafka → gateway → HTTP. The floor is a bare Node HTTP server answering
// with one Postgres query. Besides latency and throughput it measures CPU per request of every
// process on each path (from /proc, at a fixed rate, idle CPU of the same length subtracted) and
// the idle CPU of the five services and the broker.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  ROOT,
  UNTHROTTLED,
  aTenantKey,
  benchEnv,
  constantRate,
  cpuByCommand,
  cpuSpent,
  fmt,
  loadCpu,
  maxThroughput,
  migrate,
  percentile,
  startProcess,
} from './support';

const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const GOAL_RATIO = 3;
const GOAL_P99_MS = 25;
const CPU_RATE = Number(process.env.BENCH_CPU_RATE ?? 100);
const CPU_SECONDS = Number(process.env.BENCH_CPU_SECONDS ?? 20);
const GOAL_CPU_RATIO = 3;
const GOAL_IDLE_CORES = 0.1;
const SERVICES = ['gateway', 'memory', 'agent-runtime', 'heartbeat-scheduler', 'webhook-dispatcher'];
/** The processes a request through the gateway costs: the services, the broker, the stores. */
const onPlatformPath = (command: string) => command.startsWith('apps/') || ['java', 'postgres', 'redis-server'].includes(command);
const onFloorPath = (command: string) => ['node floor-server.js', 'postgres'].includes(command);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sumOf(spent: Map<string, number>): number {
  return [...spent.values()].reduce((n, ms) => n + ms, 0);
}

function byProcess(spent: Map<string, number>, requests: number): string {
  return [...spent.entries()]
    .filter(([, ms]) => ms / requests >= 0.01)
    .sort((a, b) => b[1] - a[1])
    .map(([command, ms]) => `${command} ${(ms / requests).toFixed(2)}`)
    .join(', ');
}

/** CPU milliseconds per request on one path at a fixed rate, idle CPU of the same length subtracted. */
async function cpuPerRequest(url: string, headers: Record<string, string>, idle: Map<string, number>, counts: (command: string) => boolean) {
  const before = cpuByCommand();
  const load = await constantRate(url, CPU_RATE, CPU_SECONDS, headers);
  const spent = loadCpu(cpuSpent(before, cpuByCommand()), idle, counts);
  const requests = load.latenciesMs.length + load.errors;
  return { perRequest: sumOf(spent) / requests, detail: byProcess(spent, requests), errors: load.errors };
}

async function main(): Promise<void> {
  const env = { ...benchEnv, KAFKA_NAMESPACE: `bench${randomBytes(3).toString('hex')}`, LOG_LEVEL: 'warn' };
  for (const app of SERVICES) await migrate(app, env);
  // All five run, as on a real install, so the idle figure is the platform's; the ping touches two.
  const others = await Promise.all(
    SERVICES.slice(1).map((app, i) =>
      startProcess(join(ROOT, `apps/${app}/dist/main.js`), { ...env, PORT: String(14003 + i) }, `http://127.0.0.1:${14003 + i}/health/ready`),
    ),
  );
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

    // Idle first: it is subtracted from both loaded measurements, and reported on its own.
    await sleep(3000);
    const idleBefore = cpuByCommand();
    await sleep(CPU_SECONDS * 1000);
    const idle = cpuSpent(idleBefore, cpuByCommand());
    const idleCores = sumOf(loadCpu(idle, new Map(), (command) => command.startsWith('apps/') || command === 'java')) / (CPU_SECONDS * 1000);
    const cpu = {
      gateway: await cpuPerRequest(targets.gateway, headers.gateway, idle, onPlatformPath),
      floor: await cpuPerRequest(targets.floor, headers.floor, idle, onFloorPath),
    };
    console.log(`\nCPU per request (${CPU_RATE} req/s for ${CPU_SECONDS} s, idle CPU of the same processes over ${CPU_SECONDS} s subtracted)`);
    console.log(`  gateway  ${cpu.gateway.perRequest.toFixed(2)} ms  (${cpu.gateway.detail})`);
    console.log(`  floor    ${cpu.floor.perRequest.toFixed(2)} ms  (${cpu.floor.detail})`);
    console.log(`  ratio ${(cpu.gateway.perRequest / cpu.floor.perRequest).toFixed(1)}x (goal ≤ ${GOAL_CPU_RATIO}x)`);
    console.log(
      `Idle: the five services and the broker ${idleCores.toFixed(3)} cores (goal ≤ ${GOAL_IDLE_CORES}); ` +
        `by process ms/s: ${byProcess(loadCpu(idle, new Map(), (c) => c.startsWith('apps/') || c === 'java'), CPU_SECONDS)}`,
    );
  } finally {
    await Promise.all([gateway.stop(), ...others.map((service) => service.stop()), floor.stop()]);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
