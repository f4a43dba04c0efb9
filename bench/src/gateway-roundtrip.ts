// Gateway round trip: GET /api/v1/memories/{id} with a tenant key goes HTTP → gateway (auth, rate
// limit) → Kafka → memory → Postgres → Kafka → gateway → HTTP; POST /api/v1/memories is the write.
// The floor is a bare Node HTTP server doing the same read and write with one Postgres query each.
// Beside it, for the read, the Kafka floor (kafka-floor-server.js): the same SELECT asked over
// Kafka with kafkajs and the platform's topic and consumer settings, and nothing else, to tell what
// the architecture costs from what the platform's own code adds to it.
// Every figure comes from this one run, floor beside it:
// - maximum throughput of the read (closed loop, 32 clients), and latency at half the platform's
//   maximum (open loop);
// - idle CPU of the five services and the broker over a minute, and the first read after it;
// - CPU per read and per write of every process on each path (from /proc, at a fixed rate, idle
//   CPU of the same processes over the same time subtracted).
// Embeddings come from a stand-in endpoint in this process (EMBEDDINGS_PROVIDER=http), so the
// write's figure is the platform's own work, the model excluded.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  ROOT,
  STAND_IN_MODEL,
  UNTHROTTLED,
  aTenantKey,
  benchEnv,
  constantRate,
  cpuByCommand,
  cpuSpent,
  embeddingStandIn,
  fmt,
  forgetMemoriesNotOf,
  loadCpu,
  maxThroughput,
  migrate,
  percentile,
  startProcess,
  type Proc,
} from './support';

const LATENCY_SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CPU_RATE = Number(process.env.BENCH_CPU_RATE ?? 100);
/** Lower than the reads': a write costs several times a read, and an overloaded service would time out. */
const WRITE_RATE = Number(process.env.BENCH_WRITE_RATE ?? 25);
const CPU_SECONDS = Number(process.env.BENCH_CPU_SECONDS ?? 20);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const GOALS = { readCpu: 3, writeCpu: 4, throughputShare: 0.4, p99Ms: 25, idleCores: 0.1 };
const SERVICES = ['gateway', 'memory', 'agent-runtime', 'heartbeat-scheduler', 'webhook-dispatcher'];
const EMBEDDING_PORT = 14098;
const DIMENSIONS = 384;
/** The processes a request through the gateway costs: the services, the broker, the stores. */
const onPlatformPath = (command: string) => command.startsWith('apps/') || ['java', 'postgres', 'redis-server'].includes(command);
const onFloorPath = (command: string) => ['node floor-server.js', 'postgres'].includes(command);
const onKafkaFloorPath = (command: string) => ['node kafka-floor-server.js', 'java', 'postgres'].includes(command);
const inIdleFigure = (command: string) => command.startsWith('apps/') || command === 'java';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Cpu = Map<string, number>;

function sumOf(spent: Cpu): number {
  return [...spent.values()].reduce((n, ms) => n + ms, 0);
}

function scaled(spent: Cpu, factor: number): Cpu {
  return new Map([...spent].map(([command, ms]) => [command, ms * factor]));
}

function byProcess(spent: Cpu, units: number): string {
  return [...spent.entries()]
    .filter(([, ms]) => ms / units >= 0.01)
    .sort((a, b) => b[1] - a[1])
    .map(([command, ms]) => `${command} ${(ms / units).toFixed(2)}`)
    .join(', ');
}

interface Path {
  url: string;
  headers: Record<string, string>;
  body?: (i: number) => string;
}

/** CPU milliseconds per request on one path at a fixed rate, idle CPU over the same time subtracted. */
async function cpuPerRequest(path: Path, idle: Cpu, counts: (command: string) => boolean, rate = CPU_RATE) {
  const before = cpuByCommand();
  const load = await constantRate(path.url, rate, CPU_SECONDS, path.headers, path.body);
  const spent = loadCpu(cpuSpent(before, cpuByCommand()), idle, counts);
  const requests = load.latenciesMs.length;
  return { perRequest: sumOf(spent) / requests, detail: byProcess(spent, requests), errors: load.errors, failures: load.failures };
}

async function postJson(url: string, headers: Record<string, string>, body: object): Promise<{ data: { id: string } }> {
  const res = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`POST ${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { data: { id: string } };
}

/** The Kafka floor's two processes (kafka-floor-server.js), the front answering on 14095. */
async function startKafkaFloor(env: Record<string, string>): Promise<Proc[]> {
  const back = await startProcess(join(__dirname, 'kafka-floor-server.js'), { ...env, KAFKA_FLOOR_ROLE: 'back', PORT: '14094' }, 'http://127.0.0.1:14094/');
  const front = await startProcess(join(__dirname, 'kafka-floor-server.js'), { ...env, KAFKA_FLOOR_ROLE: 'front', PORT: '14095' }, 'http://127.0.0.1:14095/ready');
  return [back, front];
}

async function main(): Promise<void> {
  const embeddings = await embeddingStandIn(EMBEDDING_PORT, DIMENSIONS);
  const env = {
    ...benchEnv,
    KAFKA_NAMESPACE: `bench${randomBytes(3).toString('hex')}`,
    LOG_LEVEL: 'warn',
    EMBEDDINGS_PROVIDER: 'http',
    EMBEDDINGS_URL: `http://127.0.0.1:${EMBEDDING_PORT}`,
    EMBEDDINGS_MODEL: STAND_IN_MODEL,
    EMBEDDINGS_DIMENSIONS: String(DIMENSIONS),
  };
  for (const app of SERVICES) await migrate(app, env);
  await forgetMemoriesNotOf(STAND_IN_MODEL);
  // All five run, as on a real install, so the idle figure is the platform's; a read touches two.
  const others = await Promise.all(
    SERVICES.slice(1).map((app, i) =>
      startProcess(join(ROOT, `apps/${app}/dist/main.js`), { ...env, PORT: String(14003 + i) }, `http://127.0.0.1:${14003 + i}/health/ready`),
    ),
  );
  const gateway = await startProcess(join(ROOT, 'apps/gateway/dist/main.js'), { ...env, ...UNTHROTTLED, PORT: '14000' }, 'http://127.0.0.1:14000/health/ready');
  const floor = await startProcess(join(__dirname, 'floor-server.js'), { ...env, PORT: '14099' }, 'http://127.0.0.1:14099/ready');
  // Stopped for the idle minute: its consumers' fetches are not the platform's idle CPU.
  let kafkaFloor = await startKafkaFloor(env);
  const auth = { Authorization: `Bearer ${await aTenantKey('http://127.0.0.1:14000')}` };
  const content = (i: number) => JSON.stringify({ content: `bench memory ${i} ${randomBytes(4).toString('hex')}`, type: 'semantic' });
  const memory = await postJson('http://127.0.0.1:14000/api/v1/memories', auth, { content: 'the memory every read fetches', type: 'semantic' });
  const item = await postJson('http://127.0.0.1:14099/items', {}, { content: 'the row every read fetches' });
  const read = {
    platform: { url: `http://127.0.0.1:14000/api/v1/memories/${memory.data.id}`, headers: auth },
    floor: { url: `http://127.0.0.1:14099/items/${item.data.id}`, headers: {} },
    kafkaFloor: { url: `http://127.0.0.1:14095/items/${item.data.id}`, headers: {} },
  };
  const write = {
    platform: { url: 'http://127.0.0.1:14000/api/v1/memories', headers: auth, body: content },
    floor: { url: 'http://127.0.0.1:14099/items', headers: {}, body: content },
  };
  try {
    // Warm every path (JIT, connection pools, Kafka fetch sessions) before measuring.
    for (const path of [read.platform, read.floor, read.kafkaFloor, write.platform, write.floor] as Path[]) await constantRate(path.url, 100, 3, path.headers, path.body);

    const max = {
      platform: await maxThroughput(read.platform.url, 32, 8, read.platform.headers),
      floor: await maxThroughput(read.floor.url, 32, 8),
      kafkaFloor: await maxThroughput(read.kafkaFloor.url, 32, 8),
    };
    const halfRate = Math.max(1, Math.round(max.platform.rps / 2));
    const latency = {
      platform: await constantRate(read.platform.url, halfRate, LATENCY_SECONDS, read.platform.headers),
      floor: await constantRate(read.floor.url, halfRate, LATENCY_SECONDS),
      kafkaFloor: await constantRate(read.kafkaFloor.url, halfRate, LATENCY_SECONDS),
    };
    const share = max.platform.rps / max.floor.rps;
    console.log(`\nRead (GET a memory by id) through the gateway over Kafka vs a bare Node HTTP server with one Postgres query`);
    console.log(
      `  max throughput (32 clients): platform ${max.platform.rps.toFixed(0)} req/s, floor ${max.floor.rps.toFixed(0)} req/s: ` +
        `${(share * 100).toFixed(0)} % (goal ≥ ${GOALS.throughputShare * 100} %); Kafka floor ${max.kafkaFloor.rps.toFixed(0)} req/s: ` +
        `${((max.kafkaFloor.rps / max.floor.rps) * 100).toFixed(0)} %`,
    );
    for (const name of ['platform', 'floor', 'kafkaFloor'] as const) {
      const r = latency[name];
      console.log(
        `  at ${halfRate} req/s (half the platform's max) ${name.padEnd(10)} p50 ${fmt(percentile(r.latenciesMs, 50)).padStart(9)}  ` +
          `p99 ${fmt(percentile(r.latenciesMs, 99)).padStart(9)}  errors ${r.errors}`,
      );
    }
    console.log(`  platform p99 at half its max ${fmt(percentile(latency.platform.latenciesMs, 99))} (goal ≤ ${GOALS.p99Ms} ms)`);

    // Idle first: it is reported on its own and, scaled, subtracted from the loaded measurements.
    await Promise.all(kafkaFloor.map((proc) => proc.stop()));
    await sleep(3000);
    const idleBefore = cpuByCommand();
    await sleep(IDLE_SECONDS * 1000);
    const idle = cpuSpent(idleBefore, cpuByCommand());
    const firstStarted = performance.now();
    const first = await fetch(read.platform.url, { headers: read.platform.headers });
    await first.arrayBuffer();
    const firstMs = performance.now() - firstStarted;
    const idleCpu = loadCpu(idle, new Map(), inIdleFigure);
    const idleCores = sumOf(idleCpu) / (IDLE_SECONDS * 1000);
    console.log(
      `\nIdle over ${IDLE_SECONDS} s: the five services and the broker ${idleCores.toFixed(3)} cores (goal ≤ ${GOALS.idleCores}); ` +
        `by process ms/s: ${byProcess(idleCpu, IDLE_SECONDS)}`,
    );
    console.log(
      `  first read after it: ${fmt(firstMs)} (status ${first.status}); the loaded p50 was ${fmt(percentile(latency.platform.latenciesMs, 50))}`,
    );

    const idleShare = scaled(idle, CPU_SECONDS / IDLE_SECONDS);
    // The Kafka floor runs only for its own figure, so that its idle fetches fall on no other.
    const kafkaFloorRead = async () => {
      kafkaFloor = await startKafkaFloor(env);
      await constantRate(read.kafkaFloor.url, 100, 3);
      const figure = await cpuPerRequest(read.kafkaFloor, idleShare, onKafkaFloorPath);
      await Promise.all(kafkaFloor.map((proc) => proc.stop()));
      return figure;
    };
    const cpu = {
      read: {
        platform: await cpuPerRequest(read.platform, idleShare, onPlatformPath),
        floor: await cpuPerRequest(read.floor, idleShare, onFloorPath),
        kafkaFloor: await kafkaFloorRead(),
      },
      write: {
        platform: await cpuPerRequest(write.platform, idleShare, onPlatformPath, WRITE_RATE),
        floor: await cpuPerRequest(write.floor, idleShare, onFloorPath, WRITE_RATE),
      },
    };
    console.log(
      `\nCPU per request (reads ${CPU_RATE} req/s, writes ${WRITE_RATE} req/s, ${CPU_SECONDS} s each; idle CPU of the same processes over the same time subtracted)`,
    );
    for (const kind of ['read', 'write'] as const) {
      const { platform, floor: bare } = cpu[kind];
      const goal = kind === 'read' ? GOALS.readCpu : GOALS.writeCpu;
      console.log(`  ${kind.padEnd(5)} platform ${platform.perRequest.toFixed(2)} ms (${platform.detail}); errors ${platform.errors} ${JSON.stringify(platform.failures)}`);
      console.log(`  ${kind.padEnd(5)} floor    ${bare.perRequest.toFixed(2)} ms (${bare.detail}); errors ${bare.errors}`);
      console.log(`  ${kind.padEnd(5)} ratio ${(platform.perRequest / bare.perRequest).toFixed(1)}x (goal ≤ ${goal}x)`);
    }
    const { kafkaFloor: overKafka } = cpu.read;
    console.log(
      `  read  Kafka floor ${overKafka.perRequest.toFixed(2)} ms (${overKafka.detail}); errors ${overKafka.errors}: ` +
        `${(overKafka.perRequest / cpu.read.floor.perRequest).toFixed(1)}x the floor, the platform ${(cpu.read.platform.perRequest / overKafka.perRequest).toFixed(1)}x it`,
    );
  } finally {
    await Promise.all([gateway.stop(), ...others.map((service) => service.stop()), floor.stop(), ...kafkaFloor.map((proc) => proc.stop())]);
    embeddings.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
