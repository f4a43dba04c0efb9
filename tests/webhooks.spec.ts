import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { aTenantWithKey, gatewayClient, startHttpEndpoint, type HttpEndpoint } from '@hb/testing';
import { ServiceProcess, e2eSuite, migrate } from './support/processes';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A local endpoint: /ok answers 200, /flaky 500 twice then 200, /gone 410, /busy 503 with
 * Retry-After: 1 once then 200, /slow after 3 s, /down 500 until told otherwise, /never 500,
 * /crash never answers its first request.
 */
class Receiver {
  readonly received: Received[] = [];
  downIsUp = false;
  private readonly seen = new Map<string, number>();
  private endpoint?: HttpEndpoint;

  async start(): Promise<void> {
    this.endpoint = await startHttpEndpoint((req, body, res) => {
      const path = req.url ?? '/';
      const route = path.split('/')[1];
      this.received.push({ path, headers: req.headers, body, at: Date.now() });
      const n = (this.seen.get(path) ?? 0) + 1;
      this.seen.set(path, n);
      const answer = (status: number, headers: Record<string, string> = {}) => res.writeHead(status, headers).end(`answer ${status}`);
      if (route === 'flaky') return answer(n <= 2 ? 500 : 200);
      if (route === 'gone') return answer(410);
      if (route === 'busy') return n === 1 ? answer(503, { 'Retry-After': '1' }) : answer(200);
      if (route === 'slow') return void setTimeout(() => answer(200), 3000);
      if (route === 'crash') return n === 1 ? undefined : answer(200); // the first request never answered
      if (route === 'down') return answer(this.downIsUp ? 200 : 500);
      if (route === 'never') return answer(500);
      answer(200);
    });
  }

  get port(): number {
    return this.endpoint!.port;
  }

  url(path: string, host = 'localhost'): string {
    return `http://${host}:${this.port}${path}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async waitFor(path: string, count: number, timeoutMs = 15_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.at(path).length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    return this.at(path);
  }

  async stop(): Promise<void> {
    await this.endpoint?.close();
  }
}

describe('webhooks through the gateway (spec 003)', () => {
  const { adminKey, env } = e2eSuite('whk');
  const receiver = new Receiver();
  const gateway = new ServiceProcess('gateway', 13300, env);
  const memory = new ServiceProcess('memory', 13303, env);
  const dispatcher = new ServiceProcess('webhook-dispatcher', 13304, env);
  const dispatcherEnv = {
    WEBHOOK_ALLOWED_HOSTS: 'localhost',
    WEBHOOK_RETRY_SCHEDULE: '0,0.3,0.3,0.3',
    WEBHOOK_TIMEOUT_MS: '1000',
    WEBHOOK_DISABLE_AFTER_MS: '2500',
    WEBHOOK_ENDPOINT_CONCURRENCY: '2',
  };

  const call = gatewayClient(gateway.url, { timeoutMs: 30_000 });

  const aTenant = () => aTenantWithKey(call, adminKey);

  async function aWebhook(key: string, path: string, events = ['memory.created'], secret = `secret-${randomBytes(4).toString('hex')}`) {
    const res = await call('POST', '/api/v1/webhooks', key, { name: `hook ${path}`, url: receiver.url(path), events, secret });
    expect(res.status).toBe(201);
    return { id: res.body.data.id as string, secret };
  }

  const createMemory = (key: string, content: string) => call('POST', '/api/v1/memories', key, { content, type: 'semantic' });

  beforeAll(async () => {
    await Promise.all([migrate('gateway', env), migrate('memory', env), migrate('webhook-dispatcher', env)]);
    await receiver.start();
    memory.start();
    dispatcher.start(dispatcherEnv);
    await Promise.all([memory.waitForReadiness(200), dispatcher.waitForReadiness(200)]);
    gateway.start();
    await gateway.waitForReadiness(200);
  });

  afterAll(async () => {
    await Promise.all([gateway.stop(), memory.stop(), dispatcher.stop(), receiver.stop()]);
  });

  it("registers a webhook with the spec's request and lists it without its secret", async () => {
    const { key } = await aTenant();
    const path = `/ok/${randomBytes(3).toString('hex')}`;
    const created = await call(
      'POST',
      '/api/v1/webhooks',
      key,
      `{
    "name": "Memory Sync",
    "url": "${receiver.url(path)}",
    "events": ["memory.created", "memory.updated"],
    "secret": "your-webhook-secret"
  }`,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      success: true,
      data: { id: expect.stringMatching(/^wh_/), name: 'Memory Sync', url: receiver.url(path), events: ['memory.created', 'memory.updated'], status: 'active' },
    });
    const listed = await call('GET', '/api/v1/webhooks', key);
    expect(listed.body.data.webhooks).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain('your-webhook-secret');
    const other = await aTenant();
    expect((await call('GET', `/api/v1/webhooks/${created.body.data.id}`, other.key)).status).toBe(404);
  });

  it.each([
    ['url', { name: 'x', url: 'http://example.com/hook', events: ['memory.created'], secret: 's' }],
    ['url', { name: 'x', url: 'not a url', events: ['memory.created'], secret: 's' }],
    ['events', { name: 'x', url: 'https://example.com/hook', events: ['memory.exploded'], secret: 's' }],
    ['events', { name: 'x', url: 'https://example.com/hook', events: [], secret: 's' }],
    ['secret', { name: 'x', url: 'https://example.com/hook', events: ['memory.created'], secret: '' }],
    ['name', { url: 'https://example.com/hook', events: ['memory.created'], secret: 's' }],
  ])('answers 400 VALIDATION_ERROR naming %s', async (field, body) => {
    const { key } = await aTenant();
    const res = await call('POST', '/api/v1/webhooks', key, body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', field });
  });

  it('delivers memory.created with the spec payload, signed so a standard verifier accepts it', async () => {
    const { tenantId, key } = await aTenant();
    const path = `/ok/${randomBytes(3).toString('hex')}`;
    const hook = await aWebhook(key, path);
    const memoryRes = await createMemory(key, 'Met with Sarah about Q4 goals...');
    const [got] = await receiver.waitFor(path, 1);
    const payload = new Webhook(hook.secret, { format: 'raw' }).verify(got.body, got.headers as Record<string, string>) as Record<string, unknown>;
    expect(payload).toMatchObject({
      event: 'memory.created',
      data: { id: memoryRes.body.data.id, content: 'Met with Sarah about Q4 goals...', type: 'semantic', tenantId },
      metadata: { request_id: expect.any(String), timestamp: expect.any(String), version: 'v1' },
    });
    expect(() => new Webhook('another-secret', { format: 'raw' }).verify(got.body, got.headers as Record<string, string>)).toThrow();
    const deliveries = await call('GET', `/api/v1/webhooks/${hook.id}/deliveries`, key);
    expect(deliveries.body.data).toMatchObject({ total: 1, data: [{ id: got.headers['webhook-id'], event: 'memory.created', status: 'delivered' }] });
    expect(deliveries.body.data.data[0].attempts).toMatchObject([{ statusCode: 200, error: null, responseExcerpt: 'answer 200' }]);
  });

  it('sends a test payload and answers the attempt', async () => {
    const { key } = await aTenant();
    const path = `/ok/${randomBytes(3).toString('hex')}`;
    const hook = await aWebhook(key, path, ['memory.created'], `whsec_${randomBytes(24).toString('base64')}`);
    const res = await call('POST', `/api/v1/webhooks/${hook.id}/test`, key);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ delivered: true, statusCode: 200, error: null, latencyMs: expect.any(Number) });
    const [got] = receiver.at(path);
    expect(new Webhook(hook.secret).verify(got.body, got.headers as Record<string, string>)).toMatchObject({ event: 'webhook.test' });
  });

  it('retries a failing endpoint on the schedule under one webhook-id until it answers', async () => {
    const { key } = await aTenant();
    const path = `/flaky/${randomBytes(3).toString('hex')}`;
    await aWebhook(key, path);
    await createMemory(key, 'retried');
    const got = await receiver.waitFor(path, 3);
    expect(got).toHaveLength(3);
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(got[2].at - got[1].at).toBeGreaterThanOrEqual(250);
  });

  it('disables an endpoint that answers 410, saying why', async () => {
    const { key } = await aTenant();
    const path = `/gone/${randomBytes(3).toString('hex')}`;
    const hook = await aWebhook(key, path);
    await createMemory(key, 'gone');
    await receiver.waitFor(path, 1);
    const deadline = Date.now() + 5000;
    let webhook = (await call('GET', `/api/v1/webhooks/${hook.id}`, key)).body.data;
    while (webhook.status !== 'disabled' && Date.now() < deadline) webhook = (await call('GET', `/api/v1/webhooks/${hook.id}`, key)).body.data;
    expect(webhook).toMatchObject({ status: 'disabled', disabledReason: expect.stringContaining('410') });
    await createMemory(key, 'not sent');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.at(path)).toHaveLength(1);
  });

  it('disables an endpoint that has failed without a success for the configured span, saying since when', async () => {
    const { key } = await aTenant();
    const path = `/never/${randomBytes(3).toString('hex')}`;
    const hook = await aWebhook(key, path);
    await createMemory(key, 'first failure');
    await receiver.waitFor(path, 4);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await createMemory(key, 'still failing');
    await receiver.waitFor(path, 5);
    const deadline = Date.now() + 5000;
    let webhook = (await call('GET', `/api/v1/webhooks/${hook.id}`, key)).body.data;
    while (webhook.status !== 'disabled' && Date.now() < deadline) webhook = (await call('GET', `/api/v1/webhooks/${hook.id}`, key)).body.data;
    expect(webhook).toMatchObject({ status: 'disabled', disabledReason: expect.stringMatching(/^no successful delivery since /) });
    const enabled = await call('PATCH', `/api/v1/webhooks/${hook.id}`, key, { status: 'active' });
    expect(enabled.body.data).toMatchObject({ status: 'active' });
    expect(enabled.body.data.disabledReason).toBeUndefined();
  });

  it('keeps other endpoints on time while one is slow', async () => {
    const slow = await aTenant();
    const slowPath = `/slow/${randomBytes(3).toString('hex')}`;
    await aWebhook(slow.key, slowPath);
    for (let i = 0; i < 6; i++) await createMemory(slow.key, `slow ${i}`);
    const fast = await aTenant();
    const fastPath = `/ok/${randomBytes(3).toString('hex')}`;
    await aWebhook(fast.key, fastPath);
    const sent = Date.now();
    await createMemory(fast.key, 'on time');
    const [got] = await receiver.waitFor(fastPath, 1);
    expect(got.at - sent).toBeLessThan(1000);
    // The slow endpoint never has more than its limit (2) of attempts open at once.
    const opened = receiver.at(slowPath).map((r) => r.at);
    const overlapping = Math.max(...opened.map((at) => opened.filter((other) => other >= at && other < at + 900).length));
    expect(overlapping).toBeLessThanOrEqual(2);
  });

  it('honours Retry-After', async () => {
    const { key } = await aTenant();
    const path = `/busy/${randomBytes(3).toString('hex')}`;
    await aWebhook(key, path);
    await createMemory(key, 'busy');
    const got = await receiver.waitFor(path, 2);
    expect(got[1].at - got[0].at).toBeGreaterThanOrEqual(950);
  });

  it('gives up an attempt at its timeout', async () => {
    const { key } = await aTenant();
    const hook = await aWebhook(key, `/slow/${randomBytes(3).toString('hex')}`);
    const res = await call('POST', `/api/v1/webhooks/${hook.id}/test`, key);
    expect(res.body.data).toMatchObject({ delivered: false, statusCode: null, error: 'timed out after 1000 ms' });
  });

  it.each([
    ['a loopback address', (port: number, path: string) => `https://127.0.0.1:${port}${path}`],
    ['a private address', (_: number, path: string) => `https://10.0.0.1${path}`],
    ['the cloud metadata address', () => 'https://169.254.169.254/latest/meta-data'],
    ['a name resolving to a private address', (port: number, path: string) => `https://vm:${port}${path}`],
    ['an IPv4-mapped IPv6 address', (port: number, path: string) => `https://[::ffff:127.0.0.1]:${port}${path}`],
  ])('refuses %s unless allowlisted', async (_, url) => {
    const { key } = await aTenant();
    // A path of this test's own: the receiver is shared, and other tests' deliveries land in it.
    const path = `/ok/refused-${randomBytes(3).toString('hex')}`;
    const created = await call('POST', '/api/v1/webhooks', key, { name: 'ssrf', url: url(receiver.port, path), events: ['memory.created'], secret: 's' });
    expect(created.status).toBe(201);
    const res = await call('POST', `/api/v1/webhooks/${created.body.data.id}/test`, key);
    expect(res.body.data).toMatchObject({ delivered: false, statusCode: null, error: expect.stringMatching(/^refused: /) });
    expect(receiver.at(path)).toHaveLength(0);
  });

  it('attempts again, under the same webhook-id, a delivery its dispatcher died in the middle of', async () => {
    const { key } = await aTenant();
    const path = `/crash/${randomBytes(3).toString('hex')}`;
    const hook = await aWebhook(key, path);
    await createMemory(key, 'in flight when the dispatcher dies');
    const [first] = await receiver.waitFor(path, 1);
    await dispatcher.stop('SIGKILL');
    dispatcher.start(dispatcherEnv);
    await dispatcher.waitForReadiness(200);
    const got = await receiver.waitFor(path, 2, 20_000);
    expect(got).toHaveLength(2);
    expect(got[1].headers['webhook-id']).toBe(first.headers['webhook-id']);
    const deliveries = await call('GET', `/api/v1/webhooks/${hook.id}/deliveries`, key);
    expect(deliveries.body.data.data[0]).toMatchObject({ status: 'delivered' });
  });

  it('signs with both secrets during a rotation', async () => {
    const { key } = await aTenant();
    const path = `/ok/${randomBytes(3).toString('hex')}`;
    const hook = await aWebhook(key, path);
    const rotated = await call('PATCH', `/api/v1/webhooks/${hook.id}`, key, { secret: 'the-new-secret' });
    expect(rotated.status).toBe(200);
    await call('POST', `/api/v1/webhooks/${hook.id}/test`, key);
    const [got] = receiver.at(path);
    expect(String(got.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of ['the-new-secret', hook.secret]) {
      expect(new Webhook(secret, { format: 'raw' }).verify(got.body, got.headers as Record<string, string>)).toMatchObject({ event: 'webhook.test' });
    }
  });

  it('records failed deliveries and sends them again on recover', async () => {
    const { key } = await aTenant();
    const path = `/down/${randomBytes(3).toString('hex')}`;
    const hook = await aWebhook(key, path);
    const since = new Date(Date.now() - 1000).toISOString();
    await createMemory(key, 'lost then found');
    await receiver.waitFor(path, 4);
    const deadline = Date.now() + 5000;
    let failed = (await call('GET', `/api/v1/webhooks/${hook.id}/deliveries`, key)).body.data.data[0];
    while (failed.status !== 'failed' && Date.now() < deadline) failed = (await call('GET', `/api/v1/webhooks/${hook.id}/deliveries`, key)).body.data.data[0];
    expect(failed).toMatchObject({ status: 'failed', nextAttemptAt: null });
    expect(failed.attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 500, 500]);
    receiver.downIsUp = true;
    const recovered = await call('POST', `/api/v1/webhooks/${hook.id}/recover`, key, { since });
    expect(recovered.body.data).toEqual({ recovered: 1 });
    const got = await receiver.waitFor(path, 5);
    expect(got[4].headers['webhook-id']).toBe(failed.id);
    const bad = await call('POST', `/api/v1/webhooks/${hook.id}/recover`, key, { since: 'yesterday' });
    expect(bad.body.errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', field: 'since' });
  });
});
