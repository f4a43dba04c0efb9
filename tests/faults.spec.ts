import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ScriptedAnthropic, startHttpEndpoint, type HttpEndpoint, type ScriptedRequest } from '@hb/testing';
import { APPS, PrivateKafka, ROOT, ServiceProcess, e2eEnv, migrate, type App } from './support/processes';

/**
 * The fault suite: a steady mixed load (memory writes, searches, agent invokes, memory.created
 * webhooks, one-off heartbeat tasks due every few seconds) while each service is SIGKILLed and
 * restarted in turn, then the Kafka broker, PostgreSQL and Redis are restarted, then one of two
 * replicas of each service behind the gateway is killed. Per fault it prints the recovery time and the share of requests that
 * failed; at the end it asserts that nothing acknowledged was lost and nothing ran twice.
 * Recovery times are printed, not asserted against the 5 s goal: timings on a shared machine are
 * a benchmark's business. They are bounded only loosely, so a service that never comes back fails.
 */

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const PORTS: Record<App, number> = {
  gateway: 13600,
  'agent-runtime': 13601,
  'heartbeat-scheduler': 13602,
  memory: 13603,
  'webhook-dispatcher': 13604,
};
/** Second replicas of the services behind the gateway listen 10 ports up. */
const REPLICA_PORT_OFFSET = 10;
const REPLICATED: App[] = ['memory', 'webhook-dispatcher', 'agent-runtime', 'heartbeat-scheduler'];
const REDIS_PORT = 16391;
const TASK_EVERY_MS = 3000;
const TASKS = 60;

/** A Redis of the suite's own, so it can be killed without disturbing anything else. */
class PrivateRedis {
  private child?: ChildProcess;

  get url(): string {
    return `redis://127.0.0.1:${REDIS_PORT}`;
  }

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await run('redis-cli', ['-p', String(REDIS_PORT), 'ping']).then(() => true, () => false)) return;
      await sleep(100);
    }
    throw new Error('private redis did not start');
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/** Every delivery the webhook endpoint got. */
class Receiver {
  readonly deliveries: Array<{ webhookId: string; body: string }> = [];
  private endpoint?: HttpEndpoint;

  async start(): Promise<void> {
    this.endpoint = await startHttpEndpoint((req, body, res) => {
      this.deliveries.push({ webhookId: String(req.headers['webhook-id']), body });
      res.writeHead(200).end('ok');
    });
  }

  get url(): string {
    return `http://localhost:${this.endpoint!.port}/hook`;
  }

  async stop(): Promise<void> {
    await this.endpoint?.close();
  }
}

interface Outcome {
  kind: 'write' | 'search' | 'invoke';
  at: number;
  status: number;
  id?: string;
  message?: string;
}

interface FaultReport {
  fault: string;
  recoveryMs: number;
  /** For a restarted dependency: from its being back to every service ready. */
  afterBackMs?: number;
  /** The fault had no recovery to wait for: the figure is how long it was watched. */
  watched?: boolean;
  requests: number;
  failed: number;
}

/** The text of a model request's last user turn, whether a string or text blocks. */
function lastUserText(request: ScriptedRequest): string {
  const last = request.body.messages.at(-1);
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  return (last.content as Array<{ type: string; text?: string }>).flatMap((b) => (b.type === 'text' ? [b.text ?? ''] : [])).join('');
}

describe('faults under load', () => {
  const kafka = new PrivateKafka(19192);
  const redis = new PrivateRedis();
  const receiver = new Receiver();
  const model = new ScriptedAnthropic((request) => ({ text: `Done: ${lastUserText(request)}` }));
  const namespace = `flt${randomBytes(3).toString('hex')}`;
  const adminKey = `hb_admin_e2e_${randomBytes(16).toString('hex')}`;
  const env = {
    ...e2eEnv(namespace, adminKey),
    KAFKA_BROKERS: kafka.brokers,
    REDIS_URL: redis.url,
    KEY_RATE_LIMIT_PER_MINUTE: '1000000',
    KEY_RATE_LIMIT_PER_HOUR: '1000000',
    KEY_RATE_LIMIT_PER_DAY: '1000000',
    WEBHOOK_ALLOWED_HOSTS: 'localhost',
    WEBHOOK_RETRY_SCHEDULE: '0,0.5,1,2,2,2,2,2',
    AUTO_MEMORY: 'false',
    LOG_LEVEL: 'warn',
  };
  const serviceEnv = { ANTHROPIC_BASE_URL: '', ANTHROPIC_MODEL: 'scripted-model', HEARTBEAT_REQUEUE_AFTER_MS: '5000' };
  const services = Object.fromEntries(APPS.map((app) => [app, new ServiceProcess(app, PORTS[app], env)])) as Record<App, ServiceProcess>;
  const gateway = services.gateway;
  const outcomes: Outcome[] = [];
  const reports: FaultReport[] = [];
  let tenant: { key: string; agentId: string; projectId: string; botId: string };
  const seconds: ServiceProcess[] = [];
  let loadRunning = false;
  let load: Promise<void> = Promise.resolve();

  async function call(method: string, path: string, body?: unknown, key = tenant.key): Promise<{ status: number; body: any }> {
    try {
      const res = await fetch(`${gateway.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    } catch {
      return { status: 0, body: undefined };
    }
  }

  const start = (service: ServiceProcess) => service.start({ ...serviceEnv, ANTHROPIC_BASE_URL: model.url });

  async function allReady(timeoutMs = 60_000): Promise<void> {
    await Promise.all(Object.values(services).map((service) => service.waitForReadiness(200, timeoutMs)));
  }

  /** Three loops at fixed rates: 10 writes/s, 2 searches/s, an agent invoke every 2 s. */
  function startLoad(): Promise<void> {
    loadRunning = true;
    let seq = 0;
    const loop = async (everyMs: number, once: () => Promise<void>) => {
      while (loadRunning) {
        const next = Date.now() + everyMs;
        void once();
        await sleep(Math.max(0, next - Date.now()));
      }
    };
    const write = async () => {
      const at = Date.now();
      const content = `fault load memory ${seq++} ${randomBytes(3).toString('hex')}`;
      const res = await call('POST', '/api/v1/memories', { content, type: 'semantic' });
      outcomes.push({ kind: 'write', at, status: res.status, id: res.body?.data?.id });
    };
    const search = async () => {
      const at = Date.now();
      const res = await call('POST', '/api/v1/memories/search', { query: 'fault load memory', limit: 5 });
      outcomes.push({ kind: 'search', at, status: res.status });
    };
    const invoke = async () => {
      const at = Date.now();
      const message = `invoke ${randomBytes(4).toString('hex')}`;
      const res = await call('POST', `/api/v1/agents/${tenant.agentId}/invoke`, { message });
      outcomes.push({ kind: 'invoke', at, status: res.status, message });
    };
    return Promise.all([loop(100, write), loop(500, search), loop(2000, invoke)]).then(() => undefined);
  }

  /** Runs a fault, waits for recovery, and records what failed from its start until 2 s after. */
  async function fault(name: string, inflict: () => Promise<void>, recovered: () => Promise<void>, watched = false): Promise<void> {
    const started = Date.now();
    await inflict();
    const back = Date.now();
    await recovered();
    const recoveryMs = Date.now() - started;
    const afterBackMs = Date.now() - back;
    await sleep(2000);
    const during = outcomes.filter((o) => o.at >= started && o.at <= started + recoveryMs + 2000);
    const failed = during.filter((o) => o.status === 0 || o.status >= 500).length;
    reports.push({ fault: name, recoveryMs, afterBackMs, requests: during.length, failed, watched });
    await sleep(1000);
  }

  beforeAll(async () => {
    await Promise.all([kafka.start(), redis.start(), receiver.start(), model.start()]);
    for (const app of APPS) await migrate(app, env);
    Object.values(services).forEach(start);
    await allReady(120_000);
    const projectId = `tenant_${randomBytes(4).toString('hex')}`;
    const admin = (method: string, path: string, body: unknown) => call(method, path, body, adminKey);
    await admin('POST', '/api/v1/admin/tenants', { id: projectId, name: 'faults', plan: 'enterprise' });
    const key = (await admin('POST', '/api/v1/api-keys', { name: 'k', tenantId: projectId })).body.data.plainKey;
    tenant = { key, agentId: '', projectId, botId: '' };
    tenant.agentId = (await call('POST', '/api/v1/agents', { name: 'Helper', instructions: 'Be brief.' })).body.id;
    expect((await call('POST', '/api/v1/webhooks', { name: 'created', url: receiver.url, events: ['memory.created'], secret: 'faults' })).status).toBe(201);
    tenant.botId = (await call('POST', '/v1/bot/create', { project_id: projectId, name: 'Fault bot', heartbeat: true })).body.bot.id;
  }, 300_000);

  afterAll(async () => {
    loadRunning = false;
    await load;
    await Promise.all([...Object.values(services), ...seconds].map((service) => service.stop('SIGKILL')));
    await Promise.all([kafka.destroy(), redis.kill(), receiver.stop(), model.stop()]);
  });

  it('loses nothing acknowledged and runs nothing twice while every part is killed or restarted in turn', async () => {
    const firstTaskAt = Date.now() + 4000;
    const prompts = Array.from({ length: TASKS }, (_, i) => `task ${i} ${randomBytes(3).toString('hex')}`);
    const scheduled = await Promise.all(
      prompts.map((prompt, i) =>
        call('POST', '/v1/bot/heartbeat/schedule-task', {
          project_id: tenant.projectId,
          bot_id: tenant.botId,
          prompt,
          run_at: new Date(firstTaskAt + i * TASK_EVERY_MS).toISOString(),
        }),
      ),
    );
    expect(scheduled.map((r) => r.status)).toEqual(prompts.map(() => 200));
    load = startLoad();
    await sleep(3000);

    for (const app of ['memory', 'webhook-dispatcher', 'agent-runtime', 'heartbeat-scheduler', 'gateway'] as App[]) {
      await fault(
        `SIGKILL ${app}`,
        async () => {
          await services[app].stop('SIGKILL');
          start(services[app]);
        },
        () => services[app].waitForReadiness(200, 60_000),
      );
    }
    await fault('Kafka broker restart', async () => {
      await kafka.stop();
      await kafka.start();
    }, () => allReady(120_000));
    await fault('PostgreSQL restart', async () => {
      await run('bash', ['-c', `source "${join(ROOT, 'infra/local/lib.sh')}"; as_root pg_ctlcluster --skip-systemctl-redirect "$(pg_lsclusters -h | awk 'NR==1 {print $1}')" main restart`]);
    }, () => allReady(120_000));
    await fault('Redis restart', async () => {
      await redis.kill();
      await redis.start();
    }, () => allReady(120_000));

    // Two replicas of each service behind the gateway, settled; then one of each is killed in turn
    // and not brought back while the survivor is watched taking its partitions.
    for (const app of REPLICATED) seconds.push(start(new ServiceProcess(app, PORTS[app] + REPLICA_PORT_OFFSET, env)));
    await Promise.all(seconds.map((replica) => replica.waitForReadiness(200, 60_000)));
    await sleep(5000);
    for (const app of REPLICATED) {
      await fault(`SIGKILL one of two ${app} replicas`, () => services[app].stop('SIGKILL'), async () => void (await sleep(6000)), true);
      start(services[app]);
      await services[app].waitForReadiness(200, 60_000);
      await sleep(3000);
    }

    loadRunning = false;
    await load;
    const lastTaskAt = firstTaskAt + (TASKS - 1) * TASK_EVERY_MS;
    await sleep(Math.max(0, lastTaskAt - Date.now()));

    const writes = outcomes.filter((o) => o.kind === 'write');
    const acknowledged = writes.filter((o) => o.status === 201 && o.id);
    // Every acknowledged write is there.
    const missing: string[] = [];
    for (const { id } of acknowledged) {
      if ((await call('GET', `/api/v1/memories/${id}`)).status !== 200) missing.push(id!);
    }
    // Every acknowledged write's memory.created reached the endpoint (retries take a while).
    const delivered = () => new Set(acknowledged.filter(({ id }) => receiver.deliveries.some((d) => d.body.includes(id!))).map((o) => o.id));
    const deadline = Date.now() + 60_000;
    while (delivered().size < acknowledged.length && Date.now() < deadline) await sleep(500);
    const undelivered = acknowledged.length - delivered().size;
    const repeatedDeliveries = receiver.deliveries.length - new Set(receiver.deliveries.map((d) => d.webhookId)).size;
    // Every due task ran once; every accepted invoke reached the model once.
    const logsDeadline = Date.now() + 60_000;
    const taskRuns = () => prompts.map((prompt) => model.requests.filter((r) => lastUserText(r).includes(prompt)).length);
    while (taskRuns().some((n) => n === 0) && Date.now() < logsDeadline) await sleep(500);
    const invokes = outcomes.filter((o) => o.kind === 'invoke' && o.status >= 200 && o.status < 300);
    const invokeRuns = () => invokes.map(({ message }) => model.requests.filter((r) => lastUserText(r) === message).length);
    while (invokeRuns().some((n) => n === 0) && Date.now() < logsDeadline) await sleep(500);

    const lines = reports.map(
      (r) =>
        `  ${r.fault.padEnd(48)} ${r.watched ? 'watched for ' : 'recovered in'} ${(r.recoveryMs / 1000).toFixed(1).padStart(5)} s` +
        `${r.watched ? '' : ` (${(r.afterBackMs! / 1000).toFixed(1)} s after the restart command returned)`}; ` +
        `${r.failed} of ${r.requests} requests failed (${((100 * r.failed) / Math.max(1, r.requests)).toFixed(1)} %)`,
    );
    const totals = {
      writesAcknowledged: acknowledged.length,
      writesLost: missing.length,
      webhooksUndelivered: undelivered,
      webhooksRepeated: repeatedDeliveries,
      tasksMissed: taskRuns().filter((n) => n === 0).length,
      tasksRunTwice: taskRuns().filter((n) => n > 1).length,
      invokesAccepted: invokes.length,
      invokesMissed: invokeRuns().filter((n) => n === 0).length,
      invokesRunTwice: invokeRuns().filter((n) => n > 1).length,
    };
    process.stdout.write(`fault suite:\n${lines.join('\n')}\n  ${JSON.stringify(totals)}\n`);

    expect(acknowledged.length).toBeGreaterThan(100);
    expect(totals).toMatchObject({ writesLost: 0, webhooksUndelivered: 0, tasksMissed: 0, tasksRunTwice: 0, invokesMissed: 0, invokesRunTwice: 0 });
  }, 900_000);
});
