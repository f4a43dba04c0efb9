import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

export const benchEnv = {
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hb_test',
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14',
  KAFKA_BROKERS: process.env.BENCH_KAFKA_BROKERS ?? '127.0.0.1:9092',
};

export interface Proc {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a Node script as its own process and waits until `readyUrl` answers 200. */
export async function startProcess(script: string, env: Record<string, string>, readyUrl: string): Promise<Proc> {
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited during start-up`);
    try {
      if ((await fetch(readyUrl)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${script} not ready within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    child,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function migrate(app: string, env: Record<string, string>): Promise<void> {
  await run(process.execPath, [join(ROOT, 'apps', app, 'dist/main.js').replace('main.js', 'migrate.js')], {
    env: { ...process.env, ...env },
  });
}

export interface LoadResult {
  latenciesMs: number[];
  errors: number;
  seconds: number;
}

/**
 * Open-loop load: requests leave on a fixed schedule whatever the server's pace, so a slow answer
 * shows in the latency instead of quietly lowering the rate (no coordinated omission). Latency is
 * timed from the moment each request actually leaves: Node's timers may wake a little early or late.
 */
export async function constantRate(url: string, ratePerSecond: number, seconds: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const total = Math.round(ratePerSecond * seconds);
  const interval = 1000 / ratePerSecond;
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inflight.push(
      (async () => {
        const sentAt = performance.now();
        try {
          const res = await fetch(url, { headers });
          await res.arrayBuffer();
          if (res.status !== 200) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - sentAt);
      })(),
    );
  }
  await Promise.all(inflight);
  return { latenciesMs: latencies, errors, seconds: (performance.now() - started) / 1000 };
}

/** Closed-loop load: `concurrency` clients each sending the next request when the last returns. */
export async function maxThroughput(url: string, concurrency: number, seconds: number, headers: Record<string, string> = {}): Promise<{ rps: number; errors: number }> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        try {
          const res = await fetch(url, { headers });
          await res.arrayBuffer();
          if (res.status === 200) done++;
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { rps: done / seconds, errors };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

export const BENCH_ADMIN_KEY = `hb_admin_bench_${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;

/**
 * Limits high enough that the benchmark measures the limiter's cost, not its refusals.
 */
export const UNTHROTTLED = {
  HB_ADMIN_KEY: BENCH_ADMIN_KEY,
  KEY_RATE_LIMIT_PER_MINUTE: '100000000',
  KEY_RATE_LIMIT_PER_HOUR: '100000000',
  KEY_RATE_LIMIT_PER_DAY: '100000000',
};

/** A tenant with an unlimited plan and a tenant key, made through the admin API. */
export async function aTenantKey(gatewayUrl: string): Promise<string> {
  return (await aTenant(gatewayUrl)).key;
}

export async function aTenant(gatewayUrl: string): Promise<{ tenantId: string; key: string }> {
  const headers = { Authorization: `Bearer ${BENCH_ADMIN_KEY}`, 'Content-Type': 'application/json' };
  const tenant = await fetch(`${gatewayUrl}/api/v1/admin/tenants`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'bench', plan: 'enterprise' }),
  }).then((res) => res.json() as Promise<{ data: { id: string } }>);
  const key = await fetch(`${gatewayUrl}/api/v1/api-keys`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'bench', tenantId: tenant.data.id }),
  }).then((res) => res.json() as Promise<{ data: { plainKey: string } }>);
  return { tenantId: tenant.data.id, key: key.data.plainKey };
}
