// What metrics and tracing cost a request: the gateway round trip of a memory read by id
// (HTTP → gateway → Kafka → memory → Postgres → back), on two stacks running side by side, each a
// gateway and a memory service in a Kafka namespace of its own: the floor with both off
// (METRICS_ENABLED=false, no OTLP endpoint), the other with both on (every span exported over
// OTLP to a sink in this process, /metrics kept). The load alternates between the two request by
// request, so the machine's swings fall on both alike. CPU per read is each stack's two processes'
// own, from /proc/<pid>/stat. The comparison runs in rounds (BENCH_ROUNDS, 3), each on two new
// stacks started in the other order, so neither side keeps the first-started stack's ports, Kafka
// partitions or place in the interleaving; the figure is the median of the rounds' figures (the
// upper middle one for an even count), each printed. BENCH_SAME=1 runs both stacks off (how alike two stacks are: the figure's noise);
// BENCH_SAMPLER=0.1 samples one trace in ten instead of every one.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { ROOT, STAND_IN_MODEL, UNTHROTTLED, aTenantKey, benchEnv, cpuOfPid, embeddingStandIn, fmt, forgetMemoriesNotOf, migrate, percentile, startProcess, type Proc } from './support';

// 100 reads a second to each stack keeps the two cores about two thirds busy (with Kafka and this
// process); at 150 they are nearly full, and the figure is then mostly the run queue's wait.
const RATE = Number(process.env.BENCH_RATE ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const GOAL = 0.05;
const EMBEDDING_PORT = 14097;
const SINK_PORT = 14096;

/** An OTLP/HTTP endpoint that takes every export and counts what it got. */
function otlpSink(): Promise<{ exports: () => number; bytes: () => number; close: () => void }> {
  let exports = 0;
  let bytes = 0;
  const server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      exports += 1;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(SINK_PORT, '127.0.0.1', () => resolve({ exports: () => exports, bytes: () => bytes, close: () => server.close() })),
  );
}

interface Stack {
  processes: Proc[];
  url: string;
  headers: Record<string, string>;
  latencies: number[];
  errors: number;
}

async function startStack(base: Record<string, string>, observed: Record<string, string>, ports: { gateway: number; memory: number }): Promise<Stack> {
  const env = { ...base, ...observed, KAFKA_NAMESPACE: `bench${randomBytes(3).toString('hex')}` };
  const memory = await startProcess(join(ROOT, 'apps/memory/dist/main.js'), { ...env, PORT: String(ports.memory) }, `http://127.0.0.1:${ports.memory}/health/ready`);
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
  const gateway = await startProcess(join(ROOT, 'apps/gateway/dist/main.js'), { ...env, ...UNTHROTTLED, PORT: String(ports.gateway) }, `${gatewayUrl}/health/ready`);
  const headers = { Authorization: `Bearer ${await aTenantKey(gatewayUrl)}`, 'Content-Type': 'application/json' };
  const created = await fetch(`${gatewayUrl}/api/v1/memories`, { method: 'POST', headers, body: JSON.stringify({ content: 'a memory to read', type: 'semantic' }) });
  const { data } = (await created.json()) as { data: { id: string } };
  return { processes: [gateway, memory], url: `${gatewayUrl}/api/v1/memories/${data.id}`, headers, latencies: [], errors: 0 };
}

/** Open-loop load at `rate` a second for each stack, their requests interleaved, for `seconds`. */
async function pairedLoad(stacks: Stack[], rate: number, seconds: number, record: boolean): Promise<void> {
  const interval = 1000 / (rate * stacks.length);
  const total = Math.round(rate * seconds) * stacks.length;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = started + i * interval - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const stack = stacks[i % stacks.length];
    inflight.push(
      (async () => {
        const sentAt = performance.now();
        try {
          const res = await fetch(stack.url, { headers: stack.headers });
          await res.arrayBuffer();
          if (res.status !== 200 && record) stack.errors++;
        } catch {
          if (record) stack.errors++;
        }
        if (record) stack.latencies.push(performance.now() - sentAt);
      })(),
    );
  }
  await Promise.all(inflight);
}

interface Round {
  p50: [number, number];
  p99: [number, number];
  cpu: [number, number];
  errors: [number, number];
}

const OFF: Record<string, string> = { METRICS_ENABLED: 'false', OTEL_SDK_DISABLED: 'true' };

/** One round: two new stacks, warmed, then measured side by side; `onFirst` starts the observed one first. */
async function round(base: Record<string, string>, on: Record<string, string>, onFirst: boolean): Promise<Round> {
  const slots = [
    { gateway: 14020, memory: 14023 },
    { gateway: 14030, memory: 14033 },
  ];
  const started: Stack[] = [];
  try {
    for (const [i, settings] of (onFirst ? [on, OFF] : [OFF, on]).entries()) started.push(await startStack(base, settings, slots[i]));
    await pairedLoad(started, RATE, 5, false);
    const before = started.map(cpuOfStack);
    await pairedLoad(started, RATE, SECONDS, true);
    const cpu = started.map((stack, i) => (cpuOfStack(stack) - before[i]) / stack.latencies.length);
    // Floor first, observed second, whichever started first.
    const pair = <T>(values: T[]): [T, T] => (onFirst ? [values[1], values[0]] : [values[0], values[1]]);
    return {
      p50: pair(started.map((stack) => percentile(stack.latencies, 50))),
      p99: pair(started.map((stack) => percentile(stack.latencies, 99))),
      cpu: pair(cpu),
      errors: pair(started.map((stack) => stack.errors)),
    };
  } finally {
    await Promise.all(started.flatMap((stack) => stack.processes.map((proc) => proc.stop())));
  }
}

function cpuOfStack(stack: Stack): number {
  return stack.processes.map((proc) => cpuOfPid(proc.child.pid!)).reduce((a, b) => a + b, 0);
}

const added = (pair: [number, number]) => (pair[1] - pair[0]) / pair[0];
const pct = (fraction: number) => `${(fraction * 100).toFixed(1)} %`;

async function main(): Promise<void> {
  const embeddings = await embeddingStandIn(EMBEDDING_PORT, 384);
  const sink = await otlpSink();
  const base = {
    ...benchEnv,
    LOG_LEVEL: 'warn',
    EMBEDDINGS_PROVIDER: 'http',
    EMBEDDINGS_URL: `http://127.0.0.1:${EMBEDDING_PORT}`,
    EMBEDDINGS_MODEL: STAND_IN_MODEL,
    EMBEDDINGS_DIMENSIONS: '384',
  };
  // BENCH_SAME=1: both stacks off, to see how alike two stacks are (the figure's noise floor).
  const same = Boolean(process.env.BENCH_SAME);
  const sampler: Record<string, string> = process.env.BENCH_SAMPLER ? { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: process.env.BENCH_SAMPLER } : {};
  const on: Record<string, string> = same ? OFF : { METRICS_ENABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${SINK_PORT}`, ...sampler };
  const label = same ? 'the same, off again (BENCH_SAME)' : process.env.BENCH_SAMPLER ? `metrics on, traces sampled at ${process.env.BENCH_SAMPLER}` : 'metrics on, every span exported';
  try {
    await migrate('gateway', base);
    await migrate('memory', base);
    await forgetMemoriesNotOf(STAND_IN_MODEL);
    console.log(`\nMetrics and tracing overhead: memory read by id through the gateway (${RATE} req/s to each of two stacks side by side, ${SECONDS} s, interleaved, ${ROUNDS} rounds)`);
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const result = await round(base, on, i % 2 === 1);
      rounds.push(result);
      console.log(
        `  round ${i + 1}: floor (both off) p50 ${fmt(result.p50[0])}, ${label} p50 ${fmt(result.p50[1])}: added ${pct(added(result.p50))} to p50; ` +
          `p99 ${fmt(result.p99[0])} / ${fmt(result.p99[1])}; CPU/read (gateway+memory) ${result.cpu[0].toFixed(3)} / ${result.cpu[1].toFixed(3)} ms, added ${pct(added(result.cpu))}; errors ${result.errors[0]} / ${result.errors[1]}`,
      );
    }
    console.log(`  spans exported: ${sink.exports()} OTLP requests, ${(sink.bytes() / 1024).toFixed(0)} KiB`);
    console.log(
      `  added to p50, median of ${ROUNDS} rounds: ${pct(percentile(rounds.map((r) => added(r.p50)), 50))} (goal ≤ ${GOAL * 100} %); to CPU per read: ${pct(percentile(rounds.map((r) => added(r.cpu)), 50))}`,
    );
  } finally {
    embeddings.close();
    sink.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
