// Agent invoke through the platform: POST /api/v1/agents/{id}/invoke with an agent key goes HTTP →
// gateway → Kafka → agent runtime (run queued in Postgres, claimed, model called through the SDK,
// answer recorded with its outbox event) → Kafka → gateway → HTTP. The model is a scripted
// Anthropic-compatible server answering at once; the floor is the same SDK calling that server
// directly, so the difference is what the platform adds to a run.
import Anthropic from '@anthropic-ai/sdk';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ScriptedAnthropic } from '@hb/testing';
import { ROOT, UNTHROTTLED, aTenantKey, benchEnv, fmt, migrate, percentile, startProcess } from './support';

const RUNS = Number(process.env.BENCH_INVOKES ?? 300);
const WARM_UP = 30;
const GOAL_OVERHEAD_P50_MS = 15;
const GOAL_ASYNC_P99_MS = 20;

async function timed(times: number, once: () => Promise<void>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await once();
    ms.push(performance.now() - started);
  }
  return ms;
}

async function main(): Promise<void> {
  const model = new ScriptedAnthropic(() => ({ text: 'Hello! How can I help?', usage: { input_tokens: 20, output_tokens: 8 } }));
  const modelUrl = await model.start();
  const env = { ...benchEnv, KAFKA_NAMESPACE: `bench${randomBytes(3).toString('hex')}`, LOG_LEVEL: 'warn' };
  for (const app of ['gateway', 'agent-runtime']) await migrate(app, env);
  const runtime = await startProcess(
    join(ROOT, 'apps/agent-runtime/dist/main.js'),
    { ...env, PORT: '14001', ANTHROPIC_BASE_URL: modelUrl, ANTHROPIC_MODEL: 'scripted', AUTO_MEMORY: 'false' },
    'http://127.0.0.1:14001/health/ready',
  );
  const gateway = await startProcess(join(ROOT, 'apps/gateway/dist/main.js'), { ...env, ...UNTHROTTLED, PORT: '14000' }, 'http://127.0.0.1:14000/health/ready');
  const base = 'http://127.0.0.1:14000';
  try {
    const tenantKey = await aTenantKey(base);
    const json = (key: string) => ({ Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' });
    const agent = (await fetch(`${base}/api/v1/agents`, { method: 'POST', headers: json(tenantKey), body: JSON.stringify({ name: 'bench', max_tokens: 64 }) }).then((r) => r.json())) as { id: string };
    const agentKey = ((await fetch(`${base}/api/v1/agents/${agent.id}/api-keys`, { method: 'POST', headers: json(tenantKey), body: JSON.stringify({ name: 'bench' }) }).then((r) => r.json())) as { plainKey: string }).plainKey;
    const invoke = (wait: boolean) => async () => {
      const res = await fetch(`${base}/api/v1/agents/${agent.id}/invoke`, { method: 'POST', headers: json(agentKey), body: JSON.stringify({ message: 'Hello agent!', wait }) });
      const body = (await res.json()) as { status: string };
      if (wait ? body.status !== 'completed' : res.status !== 202) throw new Error(`unexpected answer ${res.status} ${JSON.stringify(body)}`);
    };
    const sdk = new Anthropic({ apiKey: 'bench', baseURL: modelUrl, maxRetries: 0 });
    const direct = async () => {
      await sdk.messages.create({ model: 'scripted', max_tokens: 64, messages: [{ role: 'user', content: 'Hello agent!' }] });
    };

    await timed(WARM_UP, invoke(true));
    await timed(WARM_UP, direct);
    const sync = await timed(RUNS, invoke(true));
    const floor = await timed(RUNS, direct);
    const asyncMs = await timed(RUNS, invoke(false));

    const overhead = percentile(sync, 50) - percentile(floor, 50);
    console.log(`\nAgent invoke through the gateway vs the SDK calling the same scripted model directly (${RUNS} sequential calls each)`);
    console.log(`  invoke wait:true   p50 ${fmt(percentile(sync, 50)).padStart(9)}  p99 ${fmt(percentile(sync, 99)).padStart(9)}`);
    console.log(`  floor (SDK direct) p50 ${fmt(percentile(floor, 50)).padStart(9)}  p99 ${fmt(percentile(floor, 99)).padStart(9)}`);
    console.log(`  platform overhead at p50 ${fmt(overhead)} (goal ≤ ${GOAL_OVERHEAD_P50_MS} ms)`);
    console.log(`  invoke async (202) p50 ${fmt(percentile(asyncMs, 50))}  p99 ${fmt(percentile(asyncMs, 99))} (goal p99 ≤ ${GOAL_ASYNC_P99_MS} ms)`);
  } finally {
    await Promise.all([gateway.stop(), runtime.stop(), model.stop()]);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
