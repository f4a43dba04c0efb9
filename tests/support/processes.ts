import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testInfra } from '@hb/testing';

export const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

export const APPS = ['gateway', 'agent-runtime', 'heartbeat-scheduler', 'memory', 'webhook-dispatcher'] as const;
export type App = (typeof APPS)[number];

/** A Kafka broker of the test's own, so the test may stop it without disturbing anything else. */
export class PrivateKafka {
  private readonly dir = mkdtempSync(join(tmpdir(), 'hb-kafka-'));

  constructor(readonly port: number) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    await this.script('start');
  }

  async stop(): Promise<void> {
    await this.script('stop');
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async script(action: string): Promise<void> {
    await run('bash', [join(ROOT, 'infra/local/kafka.sh'), action], {
      env: { ...process.env, KAFKA_PORT: String(this.port), KAFKA_DATA_DIR: this.dir, KAFKA_HEAP: '384m' },
    });
  }
}

/** One service run from its build output, as the up command runs it. */
export class ServiceProcess {
  private child?: ChildProcess;
  private output = '';
  exit?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly app: App,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get logs(): string {
    return this.output;
  }

  start(extraEnv: Record<string, string> = {}): this {
    const child = spawn(process.execPath, [join(ROOT, 'apps', this.app, 'dist/main.js')], {
      env: { ...process.env, ...this.env, PORT: String(this.port), ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
    this.exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    this.child = child;
    return this;
  }

  async readiness(): Promise<number> {
    try {
      const res = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(4000) });
      return res.status;
    } catch {
      return 0;
    }
  }

  async waitForReadiness(status: number, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await this.readiness()) === status) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const body = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(4000) }).then((res) => res.text(), String);
    // The log's Kafka lines say most about a stuck start: request logs would drown them.
    const kafkaLines = this.output.split('\n').filter((line) => line.includes('"context":"Kafka"')).slice(-15);
    throw new Error(
      `${this.app} readiness did not become ${status} within ${timeoutMs} ms: ${body}\n${kafkaLines.join('\n')}\n${this.output.slice(-1500)}`,
    );
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    await this.exit;
  }
}

/** A suite's five services on five ports from `firstPort`, the gateway's first, each started by the suite. */
export function fiveServices(env: Record<string, string>, firstPort: number) {
  return {
    gateway: new ServiceProcess('gateway', firstPort, env),
    runtime: new ServiceProcess('agent-runtime', firstPort + 1, env),
    scheduler: new ServiceProcess('heartbeat-scheduler', firstPort + 2, env),
    memory: new ServiceProcess('memory', firstPort + 3, env),
    dispatcher: new ServiceProcess('webhook-dispatcher', firstPort + 4, env),
  };
}

/**
 * Starts a suite's five services as the whole-platform suites run them: the model a scripted
 * server's (no memory extraction), webhooks allowed to localhost with retries 0.3 s apart, the four
 * services ready before the gateway starts.
 */
export async function startFive(services: ReturnType<typeof fiveServices>, modelUrl: string, gatewayEnv: Record<string, string> = {}): Promise<void> {
  const { gateway, runtime, scheduler, memory, dispatcher } = services;
  const modelEnv = { ANTHROPIC_BASE_URL: modelUrl, ANTHROPIC_MODEL: 'scripted-model', AUTO_MEMORY: 'false' };
  memory.start(modelEnv);
  runtime.start(modelEnv);
  scheduler.start();
  dispatcher.start({ WEBHOOK_ALLOWED_HOSTS: 'localhost', WEBHOOK_RETRY_SCHEDULE: '0,0.3,0.3', WEBHOOK_TIMEOUT_MS: '2000' });
  await Promise.all([memory, runtime, scheduler, dispatcher].map((service) => service.waitForReadiness(200)));
  gateway.start(gatewayEnv);
  await gateway.waitForReadiness(200);
}

export async function migrate(app: App, env: Record<string, string>): Promise<void> {
  await run(process.execPath, [join(ROOT, 'apps', app, 'dist/migrate.js')], { env: { ...process.env, ...env } });
}

/** A suite's own Kafka namespace (`prefix` and random), admin key, and the environment its services share. */
export function e2eSuite(prefix: string): { namespace: string; adminKey: string; env: Record<string, string> } {
  const namespace = `${prefix}${randomBytes(3).toString('hex')}`;
  const adminKey = `hb_admin_e2e_${randomBytes(16).toString('hex')}`;
  return { namespace, adminKey, env: e2eEnv(namespace, adminKey) };
}

/** The environment every service of one e2e suite shares: its own Kafka namespace and admin key. */
export function e2eEnv(namespace: string, adminKey: string): Record<string, string> {
  return {
    ...testInfra,
    KAFKA_NAMESPACE: namespace,
    HB_ADMIN_KEY: adminKey,
    LOG_LEVEL: 'warn',
  };
}
