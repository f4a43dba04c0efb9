import { randomBytes } from 'node:crypto';
import { testInfra } from '@hb/testing';
import { APPS, PrivateKafka, ServiceProcess, migrate, type App } from './support/processes';

const PORTS: Record<App, number> = {
  gateway: 13000,
  'agent-runtime': 13001,
  'heartbeat-scheduler': 13002,
  memory: 13003,
  'webhook-dispatcher': 13004,
};

describe('the platform as processes', () => {
  const kafka = new PrivateKafka(19092);
  const adminKey = `hb_admin_e2e_${randomBytes(16).toString('hex')}`;
  const env = {
    DATABASE_URL: testInfra.DATABASE_URL,
    REDIS_URL: testInfra.REDIS_URL,
    KAFKA_BROKERS: kafka.brokers,
    KAFKA_NAMESPACE: `e2e${randomBytes(3).toString('hex')}`,
    REQUEST_TIMEOUT_MS: '1500',
    HB_ADMIN_KEY: adminKey,
    LOG_LEVEL: 'info',
    // No model, whatever the machine's environment says: the platform must start without one.
    ANTHROPIC_API_KEY: '',
    ANTHROPIC_BASE_URL: '',
  };
  const services = Object.fromEntries(APPS.map((app) => [app, new ServiceProcess(app, PORTS[app], env)])) as Record<
    App,
    ServiceProcess
  >;
  const all = Object.values(services);
  const gateway = services.gateway;

  const ping = (service: string) =>
    fetch(`${gateway.url}/api/v1/system/ping/${service}`, {
      headers: { Authorization: `Bearer ${adminKey}` },
      signal: AbortSignal.timeout(10_000),
    });

  beforeAll(async () => {
    await kafka.start();
    for (const app of APPS) await migrate(app, env);
    all.forEach((service) => service.start());
    await Promise.all(all.map((service) => service.waitForReadiness(200)));
  });

  afterAll(async () => {
    await Promise.all(all.map((service) => service.stop('SIGKILL')));
    await kafka.destroy();
  });

  it('brings every service to ready with Postgres, Redis and Kafka up', async () => {
    for (const service of all) {
      const res = await fetch(`${service.url}/health/ready`);
      expect({ app: service.app, body: await res.json() }).toEqual({
        app: service.app,
        body: { status: 'ok', checks: expect.objectContaining({ postgres: 'up', redis: 'up', kafka: 'up' }) },
      });
    }
  });

  it('answers liveness without touching dependencies', async () => {
    const res = await fetch(`${services.memory.url}/health/live`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('round-trips a request from the gateway to each service over Kafka', async () => {
    for (const service of ['agent-runtime', 'heartbeat-scheduler', 'memory', 'webhook-dispatcher']) {
      const res = await ping(service);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ success: true, data: { service, latencyMs: expect.any(Number) } });
    }
  });

  it('serves usage metrics with the memory service in the loop', async () => {
    const tenantId = `e2e_${randomBytes(4).toString('hex')}`;
    const headers = { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' };
    await fetch(`${gateway.url}/api/v1/admin/tenants`, { method: 'POST', headers, body: JSON.stringify({ id: tenantId, name: 'e2e' }) });
    const res = await fetch(`${gateway.url}/api/v1/usage/metrics/${tenantId}`, { headers });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toMatchObject({ memories: { count: 0 }, storage: { used: 0 } });
  });

  it('starts without a model, and a run then fails with model_not_configured naming the variables', async () => {
    const tenantId = `e2e_${randomBytes(4).toString('hex')}`;
    const headers = { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' };
    await fetch(`${gateway.url}/api/v1/admin/tenants`, { method: 'POST', headers, body: JSON.stringify({ id: tenantId, name: 'e2e' }) });
    const agent = (await (await fetch(`${gateway.url}/api/v1/agents`, { method: 'POST', headers, body: JSON.stringify({ name: 'no model', tenantId }) })).json()) as { id: string };
    const res = await fetch(`${gateway.url}/api/v1/agents/${agent.id}/invoke`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ message: 'Hello agent!', wait: true, tenantId }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'failed',
      error: { code: 'model_not_configured', message: expect.stringMatching(/ANTHROPIC_API_KEY.*ANTHROPIC_BASE_URL/) },
    });
  });

  it('logs structured JSON lines', () => {
    const lines = services.memory.logs.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(JSON.parse(line)).toMatchObject({ time: expect.any(String), level: expect.any(String), service: 'memory' });
    }
  });

  it('goes unready when Kafka stops and ready again when it returns, then serves requests', async () => {
    await kafka.stop();
    await Promise.all(all.map((service) => service.waitForReadiness(503, 30_000)));
    const body = (await (await fetch(`${services.memory.url}/health/ready`)).json()) as { checks: object };
    expect(body.checks).toMatchObject({ postgres: 'up', redis: 'up', kafka: 'down' });
    // A request while Kafka is away fails at its deadline, and the gateway lives on.
    const during = await ping('memory');
    expect([502, 504]).toContain(during.status);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await gateway.readiness()).toBe(503);

    await kafka.start();
    // Clients reconnect with a growing backoff (up to 30 s a step): on a busy 2-core machine the
    // last of five services has been seen to take over 90 s.
    await Promise.all(all.map((service) => service.waitForReadiness(200, 150_000)));
    const deadline = Date.now() + 60_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await ping('memory')).status;
    }
    expect(status).toBe(200);
  }, 300_000);

  it('keeps answering after the gateway is replaced while the services run on', async () => {
    await gateway.stop('SIGTERM');
    gateway.start();
    await gateway.waitForReadiness(200);
    for (const service of ['memory', 'agent-runtime']) expect((await ping(service)).status).toBe(200);
  });

  it('answers 504 while a dead replica still counts, then 503 at once until one is back', async () => {
    const dispatcher = services['webhook-dispatcher'];
    await dispatcher.stop('SIGKILL');
    const started = Date.now();
    const res = await ping('webhook-dispatcher');
    // Kafka counts the killed process a member until its session times out (3 s).
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ success: false, errors: [{ code: 'SERVICE_TIMEOUT' }] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);

    await new Promise((resolve) => setTimeout(resolve, 3000));
    let fast = await ping('webhook-dispatcher');
    for (let i = 0; i < 20 && fast.status !== 503; i++) fast = await ping('webhook-dispatcher');
    const asked = Date.now();
    fast = await ping('webhook-dispatcher');
    expect(Date.now() - asked).toBeLessThan(500);
    expect(fast.status).toBe(503);
    expect(fast.headers.get('retry-after')).toBe('1');
    expect(await fast.json()).toMatchObject({ success: false, errors: [{ code: 'SERVICE_UNAVAILABLE' }] });

    dispatcher.start();
    await dispatcher.waitForReadiness(200);
    const deadline = Date.now() + 5000;
    let back = await ping('webhook-dispatcher');
    while (back.status !== 200 && Date.now() < deadline) back = await ping('webhook-dispatcher');
    expect(back.status).toBe(200);
  });

  it('stops gracefully on SIGTERM: readiness off, consumers closed, exit without a forced kill', async () => {
    const memory = services.memory;
    await memory.stop('SIGTERM');
    const { code, signal } = await memory.exit!;
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    expect(memory.logs).toContain('"msg":"shutting down"');
    expect(memory.logs).not.toContain('graceful shutdown timed out');
  });
});

describe('configuration at start', () => {
  it('stops a service with a bad variable, naming it', async () => {
    const sut = new ServiceProcess('memory', 13013, { KAFKA_BROKERS: 'not a broker list', LOG_LEVEL: 'loud' }).start();
    const { code } = await sut.exit!;
    expect(code).toBe(1);
    const report = JSON.parse(sut.logs.trim().split('\n').pop()!);
    expect(report).toMatchObject({ level: 'fatal', msg: 'invalid configuration' });
    expect(report.problems.join('\n')).toMatch(/KAFKA_BROKERS/);
    expect(report.problems.join('\n')).toMatch(/LOG_LEVEL/);
  });
});
