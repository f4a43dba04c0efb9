import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

export const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

export const benchEnv = {
  // The benchmarks' own database: forgetMemoriesNotOf deletes what other runs left in it.
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hb_bench',
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14',
  KAFKA_BROKERS: process.env.BENCH_KAFKA_BROKERS ?? '127.0.0.1:9092',
};

export interface Proc {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a Node script as its own process and waits until `readyUrl` answers 200. */
export async function startProcess(script: string, env: Record<string, string>, readyUrl: string): Promise<Proc> {
  // BENCH_PROFILE_DIR=… writes each service's V8 CPU profile there when it stops, to see where a figure's time went.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, script], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
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
  /** How many answers had each status outside 2xx ('network' for none). */
  failures: Record<string, number>;
  seconds: number;
}

/**
 * Open-loop load: requests leave on a fixed schedule whatever the server's pace, so a slow answer
 * shows in the latency instead of quietly lowering the rate (no coordinated omission). Latency is
 * timed from the moment each request actually leaves: Node's timers may wake a little early or late.
 */
export async function constantRate(
  url: string,
  ratePerSecond: number,
  seconds: number,
  headers: Record<string, string> = {},
  /** A body for each request (then POSTed as JSON), given its index. */
  body?: (i: number) => string,
): Promise<LoadResult> {
  const total = Math.round(ratePerSecond * seconds);
  const interval = 1000 / ratePerSecond;
  const latencies: number[] = [];
  let errors = 0;
  const failures: Record<string, number> = {};
  const fail = (why: string) => {
    errors++;
    failures[why] = (failures[why] ?? 0) + 1;
  };
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
          const res = await fetch(
            url,
            body ? { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: body(i) } : { headers },
          );
          await res.arrayBuffer();
          if (res.status >= 300) fail(String(res.status));
        } catch {
          fail('network');
        }
        latencies.push(performance.now() - sentAt);
      })(),
    );
  }
  await Promise.all(inflight);
  return { latenciesMs: latencies, errors, failures, seconds: (performance.now() - started) / 1000 };
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

/**
 * CPU time (user + system, milliseconds) of every process on the machine, summed by command name
 * (postgres, node, java…), from /proc: read before and after a load to see which process paid for it.
 * A process's reaped children count in it (cutime, cstime), so a PostgreSQL backend that ends
 * during the load still counts under postgres, through the postmaster.
 */
export function cpuByCommand(): Map<string, number> {
  const totals = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const command = nodeAppOf(pid) ?? stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      totals.set(command, (totals.get(command) ?? 0) + cpuMsOfStat(stat));
    } catch {
      // the process ended meanwhile
    }
  }
  return totals;
}

/** CPU milliseconds (user + system, with reaped children's) in a /proc/<pid>/stat line. */
function cpuMsOfStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * (1000 / 100); // USER_HZ is 100 on Linux
}

/** CPU milliseconds one process has used so far. */
export function cpuOfPid(pid: number): number {
  return cpuMsOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** A Node process named by what it runs (apps/memory, floor-server.js), so services are told apart. */
function nodeAppOf(pid: string): string | undefined {
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  if (!/node$/.test(argv[0] ?? '')) return undefined;
  const script = argv.find((arg) => arg.endsWith('.js')) ?? '';
  return script.match(/apps\/[\w-]+/)?.[0] ?? (script ? `node ${script.split('/').pop()}` : 'node');
}

/** The CPU milliseconds each command spent between two cpuByCommand() readings. */
export function cpuSpent(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  return new Map([...after.entries()].map(([command, ms]) => [command, ms - (before.get(command) ?? 0)]));
}

/** CPU spent by the commands `counts` picks, less what they spend idle over the same time. */
export function loadCpu(loaded: Map<string, number>, idle: Map<string, number>, counts: (command: string) => boolean): Map<string, number> {
  return new Map([...loaded.entries()].filter(([command]) => counts(command)).map(([command, ms]) => [command, ms - (idle.get(command) ?? 0)]));
}

/** CPU milliseconds per unit of work between two cpuByCommand() readings, largest first. */
export function cpuPerUnit(before: Map<string, number>, after: Map<string, number>, units: number): string {
  return [...after.entries()]
    .map(([command, ms]) => [command, (ms - (before.get(command) ?? 0)) / units] as const)
    .filter(([, ms]) => ms >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([command, ms]) => `${command} ${ms.toFixed(2)}`)
    .join(', ');
}

/** The model name the stand-in's vectors are stored under. */
export const STAND_IN_MODEL = 'bench-stand-in';

/**
 * Deletes the memories in the bench database whose vectors another model than `model` made: what
 * earlier runs left (a run stopped midway, a benchmark with the other model). A memory service
 * re-embeds every vector of another model than its own in the background, and would do it during
 * whatever this run measures. Runs after the migrations.
 */
export async function forgetMemoriesNotOf(model: string): Promise<void> {
  const client = new Client({ connectionString: benchEnv.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DELETE FROM memory.memories m USING memory.memory_vectors v WHERE v.memory_id = m.id AND v.model <> $1`, [model]);
  } finally {
    await client.end();
  }
}

/** An OpenAI-compatible embeddings endpoint answering a unit vector derived from each text's hash. */
export function embeddingStandIn(port: number, dimensions: number): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { input } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { input: string[] };
      const data = input.map((text, index) => {
        const seed = createHash('sha256').update(text).digest();
        const raw = Array.from({ length: dimensions }, (_, i) => seed[i % seed.length] - 127.5 + i / dimensions);
        const norm = Math.hypot(...raw);
        return { index, embedding: raw.map((x) => x / norm) };
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
