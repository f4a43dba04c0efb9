import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Topics, type EventEnvelope } from '@hb/contracts';
import { HeroBrain } from '@hb/sdk';
import { dropKafkaNamespace, recordEvents, ScriptedAnthropic, startHttpEndpoint, testInfra, type HttpEndpoint, type ScriptedRequest, type ScriptedTurn } from '@hb/testing';
import { openApiDocumentOf } from './support/openapi-conformance';
import { ServiceProcess, e2eSuite, migrate, type App } from './support/processes';
import { until } from './support/until';

/** The model: memory extraction finds nothing; "remember X" calls the remember tool once; anything else is echoed. */
function script(request: ScriptedRequest): ScriptedTurn {
  if (request.body.system?.toString().includes('extract')) return { text: '[]' };
  const last = request.body.messages.at(-1)!;
  if (Array.isArray(last.content)) return { text: 'noted', usage: { input_tokens: 20, output_tokens: 2 } };
  const [, fact] = /^remember (.+)$/.exec(last.content) ?? [];
  if (fact) return { toolUses: [{ name: 'remember', input: { content: fact, type: 'semantic' } }], usage: { input_tokens: 10, output_tokens: 5 } };
  return { text: `You said: ${last.content}`, usage: { input_tokens: 10, output_tokens: 3 } };
}

/** One Prometheus text exposition, read back: the sum of a metric's samples whose labels include `labels`. */
class Scrape {
  constructor(readonly text: string) {}

  value(name: string, labels: Record<string, string> = {}): number {
    let sum = 0;
    let found = false;
    for (const line of this.text.split('\n')) {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match || match[1] !== name) continue;
      const has = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
      if (Object.entries(labels).every(([key, value]) => has[key] === value)) {
        sum += Number(match[3]);
        found = true;
      }
    }
    return found ? sum : NaN;
  }
}

describe('metrics: every service exposes /metrics, and the figures follow the traffic', () => {
  const { namespace, adminKey, env } = e2eSuite('obs');
  const model = new ScriptedAnthropic(script);
  const ports: Record<App, number> = { gateway: 14000, 'agent-runtime': 14001, 'heartbeat-scheduler': 14002, memory: 14003, 'webhook-dispatcher': 14004 };
  const services = Object.fromEntries(Object.entries(ports).map(([app, port]) => [app, new ServiceProcess(app as App, port, env)])) as Record<App, ServiceProcess>;
  const tenantId = `obs_${randomBytes(4).toString('hex')}`;
  let receiver: HttpEndpoint;
  let delivered = 0;
  let hb: HeroBrain;
  let key: string;

  const scrape = async (app: App, apiKey = adminKey): Promise<Scrape> => {
    const res = await fetch(`${services[app].url}/metrics`, { headers: { Authorization: `Bearer ${apiKey}` } });
    expect({ app, status: res.status, type: res.headers.get('content-type') }).toEqual({ app, status: 200, type: expect.stringContaining('text/plain') });
    return new Scrape(await res.text());
  };

  beforeAll(async () => {
    for (const app of ['gateway', 'memory', 'agent-runtime', 'heartbeat-scheduler', 'webhook-dispatcher'] as const) await migrate(app, env);
    await model.start();
    receiver = await startHttpEndpoint((_req, _body, res) => {
      delivered += 1;
      res.writeHead(204).end();
    });
    const modelEnv = { ANTHROPIC_BASE_URL: model.url, ANTHROPIC_MODEL: 'scripted-model', AUTO_MEMORY: 'false' };
    services.memory.start();
    services['agent-runtime'].start(modelEnv);
    services['heartbeat-scheduler'].start();
    services['webhook-dispatcher'].start({ WEBHOOK_ALLOWED_HOSTS: 'localhost' });
    await Promise.all(['memory', 'agent-runtime', 'heartbeat-scheduler', 'webhook-dispatcher'].map((app) => services[app as App].waitForReadiness(200)));
    services.gateway.start({ WEBHOOK_ALLOWED_HOSTS: 'localhost' });
    await services.gateway.waitForReadiness(200);
    const admin = new HeroBrain({ apiKey: adminKey, baseUrl: services.gateway.url });
    await admin.tenants.create({ id: tenantId, name: 'obs', plan: 'enterprise' });
    key = (await admin.apiKeys.create({ name: 'obs', tenantId })).plainKey;
    hb = new HeroBrain({ apiKey: key, tenantId, baseUrl: services.gateway.url });
  });

  afterAll(async () => {
    await Promise.all([...Object.values(services).map((service) => service.stop()), model.stop(), receiver?.close()]);
    await dropKafkaNamespace(namespace);
  });

  it("keeps the gateway's to its admin key: the public port shows no figures to a tenant or to nobody", async () => {
    expect((await fetch(`${services.gateway.url}/metrics`)).status).toBe(401);
    const refused = await fetch(`${services.gateway.url}/metrics`, { headers: { Authorization: `Bearer ${key}` } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ success: false, errors: [{ code: 'INSUFFICIENT_SCOPE' }] });
    // Nor is it part of the API clients are written for.
    const document = await openApiDocumentOf(services.gateway.url);
    expect(Object.keys(document.paths)).not.toContain('/metrics');
  });

  it('counts requests, round trips, memory writes and search stages by what the traffic did', async () => {
    const [gatewayBefore, memoryBefore] = [await scrape('gateway'), await scrape('memory')];
    const route = { face: 'memory', method: 'POST', route: '/api/v1/memories' };
    for (const content of ['Met Sarah about Q4 goals', 'Q4 budget approved', 'Launch moved to March']) await hb.memories.create({ content, type: 'episodic' });
    await hb.memories.search({ query: 'Q4 goals' });
    await hb.memories.search({ query: 'launch date' });
    await expect(hb.memories.create({ content: 'x', type: 'nope' as never })).rejects.toMatchObject({ status: 400 });
    await expect(new HeroBrain({ apiKey: `hb_prod_${randomBytes(20).toString('hex')}`, baseUrl: services.gateway.url }).memories.list()).rejects.toMatchObject({ status: 401 });
    await expect(fetch(`${services.gateway.url}/api/v1/memories`).then((res) => res.status)).resolves.toBe(401);

    const [gateway, memory] = [await scrape('gateway'), await scrape('memory')];
    const moved = (now: Scrape, before: Scrape, name: string, labels?: Record<string, string>) => now.value(name, labels) - (before.value(name, labels) || 0);
    expect(moved(gateway, gatewayBefore, 'http_requests_total', { ...route, status: '201' })).toBe(3);
    expect(moved(gateway, gatewayBefore, 'http_requests_total', { ...route, status: '400' })).toBe(1);
    expect(moved(gateway, gatewayBefore, 'http_request_duration_seconds_count', { ...route, status: '201' })).toBe(3);
    expect(moved(gateway, gatewayBefore, 'http_requests_total', { route: '/api/v1/memories/search', status: '200' })).toBe(2);
    expect(moved(gateway, gatewayBefore, 'gateway_auth_failures_total', { reason: 'missing' })).toBe(1);
    expect(moved(gateway, gatewayBefore, 'gateway_auth_failures_total', { reason: 'malformed' })).toBe(1);
    expect(moved(gateway, gatewayBefore, 'kafka_request_duration_seconds_count', { target_service: 'memory', command: 'memory.create', outcome: 'ok' })).toBe(3);
    expect(moved(gateway, gatewayBefore, 'kafka_request_duration_seconds_count', { target_service: 'memory', command: 'memory.search', outcome: 'ok' })).toBe(2);

    expect(moved(memory, memoryBefore, 'memory_memories_written_total')).toBe(3);
    for (const stage of ['embedding', 'vector', 'lexical', 'rerank', 'total']) {
      expect({ stage, searches: moved(memory, memoryBefore, 'memory_search_stage_duration_seconds_count', { stage }) }).toEqual({ stage, searches: 2 });
    }
    expect(memory.value('memory_vectors', { current: 'true' })).toBeGreaterThanOrEqual(3);
    expect(moved(memory, memoryBefore, 'kafka_messages_consumed_total', { topic: 'memory.commands.v1' })).toBeGreaterThanOrEqual(5);
    expect(memory.value('kafka_messages_produced_total', { topic: 'memory.events.v1' })).toBeGreaterThanOrEqual(3);
    expect(memory.value('outbox_unpublished_events')).toBeGreaterThanOrEqual(0);
    expect(memory.value('outbox_oldest_unpublished_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(memory.value('kafka_consumer_lag_messages', { topic: 'memory.commands.v1' })).toBeGreaterThanOrEqual(0);
    // The runtime's own figures, from prom-client's defaults.
    expect(memory.value('process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(memory.value('nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('counts runs by outcome, model calls and tokens by model, and tool calls by tool', async () => {
    const before = await scrape('agent-runtime');
    const agent = await hb.agents.create({ name: 'Counter' });
    await hb.agents.invoke(agent.id, { message: 'Hello' });
    await hb.agents.invoke(agent.id, { message: 'remember the launch is in March' });
    const after = await scrape('agent-runtime');
    const moved = (name: string, labels?: Record<string, string>) => after.value(name, labels) - (before.value(name, labels) || 0);
    expect(moved('agent_runs_total', { outcome: 'completed' })).toBe(2);
    expect(moved('agent_model_call_duration_seconds_count', { model: 'scripted-model', outcome: 'ok' })).toBe(3);
    expect(moved('agent_model_tokens_total', { model: 'scripted-model', type: 'input' })).toBe(40);
    expect(moved('agent_model_tokens_total', { model: 'scripted-model', type: 'output' })).toBe(10);
    expect(moved('agent_tool_calls_total', { tool: 'remember', outcome: 'ok' })).toBe(1);
  });

  it('times each fire against its schedule, and counts how executions end', async () => {
    const before = await scrape('heartbeat-scheduler');
    const bot = await hb.bots.create({ name: 'Pulse', heartbeat: true });
    const heartbeat = await hb.heartbeats.configure({ bot_id: bot.id, prompt: 'Any news?', cron_pattern: '0 9 * * 1' });
    expect(await hb.heartbeats.trigger({ bot_id: bot.id, heartbeat_id: heartbeat.uuid })).toMatchObject({ status: 'success' });
    const after = await scrape('heartbeat-scheduler');
    const moved = (name: string, labels?: Record<string, string>) => after.value(name, labels) - (before.value(name, labels) || 0);
    expect(moved('heartbeat_fires_total', { type: 'manual' })).toBe(1);
    expect(moved('heartbeat_fire_lateness_seconds_count', { type: 'manual' })).toBe(1);
    expect(moved('heartbeat_executions_total', { outcome: 'success' })).toBe(1);
    expect(after.value('heartbeat_due_executions')).toBeGreaterThanOrEqual(0);
  });

  it('counts delivery attempts by outcome and status class, and times deliveries', async () => {
    const before = await scrape('webhook-dispatcher');
    await hb.webhooks.create({ name: 'sink', url: `http://localhost:${receiver.port}/in`, events: ['memory.deleted'], secret: 'shh' });
    const memory = await hb.memories.create({ content: 'to be deleted', type: 'semantic' });
    await hb.memories.delete(memory.id);
    for (const until = Date.now() + 15_000; delivered === 0 && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 100));
    let after = await scrape('webhook-dispatcher');
    // The attempt is counted as its outcome is recorded, a moment after the receiver answered.
    for (const until = Date.now() + 5000; !(after.value('webhook_delivery_latency_seconds_count') > (before.value('webhook_delivery_latency_seconds_count') || 0)) && Date.now() < until; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await scrape('webhook-dispatcher');
    }
    const moved = (name: string, labels?: Record<string, string>) => after.value(name, labels) - (before.value(name, labels) || 0);
    expect(moved('webhook_attempts_total', { outcome: 'delivered', status_class: '2xx' })).toBe(1);
    expect(moved('webhook_delivery_latency_seconds_count')).toBe(1);
    // The backlog is the whole deliveries table's, which the test suites share: it is read, not pinned.
    for (const state of ['retrying', 'new']) expect({ state, read: Number.isFinite(after.value('webhook_retry_backlog', { state })) }).toEqual({ state, read: true });
  });

  it('counts an event delivered again as a duplicate its handler skipped, and delivers nothing twice', async () => {
    const topic = `${namespace}.${Topics.MemoryEvents}`;
    const published: EventEnvelope[] = [];
    const recorder = await recordEvents(topic, `${namespace}-replay`, published);
    const deleted = await until('the memory.deleted event', () => published.find((event) => event.type === 'memory.deleted' && event.tenantId === tenantId));
    await recorder.stop();
    const before = await scrape('webhook-dispatcher');
    const deliveredBefore = delivered;
    // What a relay that died between publishing and marking its rows does: the same envelope again.
    const producer = new Kafka({ brokers: testInfra.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: deleted.tenantId, value: JSON.stringify(deleted) }] });
    await producer.disconnect();
    const group = { group: 'webhook-dispatcher.intake' };
    const after = await until('the duplicate counted', async () => {
      const now = await scrape('webhook-dispatcher');
      return now.value('kafka_events_duplicates_skipped_total', group) > (before.value('kafka_events_duplicates_skipped_total', group) || 0) ? now : undefined;
    });
    expect(after.value('kafka_events_duplicates_skipped_total', group) - (before.value('kafka_events_duplicates_skipped_total', group) || 0)).toBe(1);
    expect(delivered).toBe(deliveredBefore);
  });

  it('never labels a figure with a tenant, a key or a resource id', async () => {
    for (const app of Object.keys(ports) as App[]) {
      const { text } = await scrape(app);
      const samples = text.split('\n').filter((line) => line && !line.startsWith('#'));
      const ids = samples.join('\n').match(/\b(mem|agt|run|conv|key|whk|req)_[A-Za-z0-9]{6,}/g);
      expect({ app, tenant: text.includes(tenantId), ids }).toEqual({ app, tenant: false, ids: null });
      // Every sample names the service it came from.
      expect(samples.filter((line) => !line.includes(`service="${app}"`))).toEqual([]);
    }
  });
});
