// What metrics and tracing cost a request: the gateway round trip of a memory read by id
// (HTTP → gateway → Kafka → memory → Postgres → back), on two stacks running side by side, each a
// gateway and a memory service in a Kafka namespace of its own: the floor with both off
// (METRICS_ENABLED=false, no OTLP endpoint), the other with both on (every span exported over
// OTLP to a sink in this process, /metrics kept). The load alternates between the two request by
// request, so the machine's swings fall on both alike. CPU per read is each stack's two processes'
// own, from /proc/<pid>/stat. BENCH_SAME=1 runs both stacks off (how alike two stacks are: the
// figure's noise); BENCH_SAMPLER=0.1 samples one trace in ten instead of every one.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { ROOT, STAND_IN_MODEL, UNTHROTTLED, aTenantKey, benchEnv, cpuOfPid, embeddingStandIn, fmt, forgetMemoriesNotOf, migrate, percentile, startProcess, type Proc } from './support';

const RATE = Number(process.env.BENCH_RATE ?? 150);
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
  name: string;
  processes: Proc[];
  url: string;
  headers: Record<string, string>;
  latencies: number[];
  errors: number;
}

async function startStack(name: string, base: Record<string, string>, observed: Record<string, string>, ports: { gateway: number; memory: number }): Promise<Stack> {
  const env = { ...base, ...observed, KAFKA_NAMESPACE: `bench${randomBytes(3).toString('hex')}` };
  const memory = await startProcess(join(ROOT, 'apps/memory/dist/main.js'), { ...env, PORT: String(ports.memory) }, `http://127.0.0.1:${ports.memory}/health/ready`);
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
  const gateway = await startProcess(join(ROOT, 'apps/gateway/dist/main.js'), { ...env, ...UNTHROTTLED, PORT: String(ports.gateway) }, `${gatewayUrl}/health/ready`);
  const headers = { Authorization: `Bearer ${await aTenantKey(gatewayUrl)}`, 'Content-Type': 'application/json' };
  const created = await fetch(`${gatewayUrl}/api/v1/memories`, { method: 'POST', headers, body: JSON.stringify({ content: 'a memory to read', type: 'semantic' }) });
  const { data } = (await created.json()) as { data: { id: string } };
  return { name, processes: [gateway, memory], url: `${gatewayUrl}/api/v1/memories/${data.id}`, headers, latencies: [], errors: 0 };
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
  await migrate('gateway', base);
  await migrate('memory', base);
  await forgetMemoriesNotOf(STAND_IN_MODEL);
  const off = await startStack('floor: metrics and tracing off', base, { METRICS_ENABLED: 'false', OTEL_SDK_DISABLED: 'true' }, { gateway: 14020, memory: 14023 });
  // BENCH_SAME=1: both stacks off, to see how alike two stacks are (the figure's noise floor).
  const on = await startStack(process.env.BENCH_SAME ? 'the same, off again (BENCH_SAME)' : 'metrics on, every span exported', base, process.env.BENCH_SAME ? { METRICS_ENABLED: 'false', OTEL_SDK_DISABLED: 'true' } : { METRICS_ENABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${SINK_PORT}`, ...(process.env.BENCH_SAMPLER ? { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: process.env.BENCH_SAMPLER } : {}) }, { gateway: 14030, memory: 14033 });
  const stacks = [off, on];
  try {
    await pairedLoad(stacks, RATE, 5, false);
    const before = stacks.map((stack) => stack.processes.map((proc) => cpuOfPid(proc.child.pid!)).reduce((a, b) => a + b, 0));
    await pairedLoad(stacks, RATE, SECONDS, true);
    const cpu = stacks.map((stack, i) => (stack.processes.map((proc) => cpuOfPid(proc.child.pid!)).reduce((a, b) => a + b, 0) - before[i]) / stack.latencies.length);
    const p50 = stacks.map((stack) => percentile(stack.latencies, 50));
    console.log(`\nMetrics and tracing overhead: memory read by id through the gateway (${RATE} req/s to each of two stacks side by side, ${SECONDS} s, interleaved)`);
    stacks.forEach((stack, i) =>
      console.log(
        `  ${stack.name.padEnd(34)} p50 ${fmt(p50[i]).padStart(9)}  p99 ${fmt(percentile(stack.latencies, 99)).padStart(9)}  CPU/read (gateway+memory) ${cpu[i].toFixed(3)} ms  errors ${stack.errors}`,
      ),
    );
    console.log(`  spans exported: ${sink.exports()} OTLP requests, ${(sink.bytes() / 1024).toFixed(0)} KiB`);
    console.log(
      `  added to p50: ${(((p50[1] - p50[0]) / p50[0]) * 100).toFixed(1)} % (goal ≤ ${GOAL * 100} %); to CPU per read: ${(((cpu[1] - cpu[0]) / cpu[0]) * 100).toFixed(1)} %`,
    );
  } finally {
    await Promise.all(stacks.flatMap((stack) => stack.processes.map((proc) => proc.stop())));
    embeddings.close();
    sink.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
