import { randomBytes } from 'node:crypto';
import { HeroBrain } from '@hb/sdk';
import { dropKafkaNamespace, ScriptedAnthropic, startHttpEndpoint, type HttpEndpoint, type ScriptedRequest, type ScriptedTurn } from '@hb/testing';
import { ServiceProcess, e2eSuite, migrate } from './support/processes';

/** A span as an OTLP/JSON export carries it, with the service that sent it. */
interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

const SPAN_KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number; arrayValue?: { values: OtlpValue[] } };
const valueOf = (value: OtlpValue): unknown =>
  value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : undefined) ?? value.boolValue ?? value.doubleValue ?? value.arrayValue?.values.map(valueOf);
const attributesOf = (list: Array<{ key: string; value: OtlpValue }> = []) => Object.fromEntries(list.map(({ key, value }) => [key, valueOf(value)]));

/** An OTLP/HTTP receiver (JSON encoding): every span the services export. */
async function startCollector(spans: ExportedSpan[]): Promise<HttpEndpoint> {
  return startHttpEndpoint((req, body, res) => {
    if (req.url === '/v1/traces') {
      for (const resourceSpans of JSON.parse(body).resourceSpans ?? []) {
        const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            spans.push({ service, traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId || undefined, name: span.name, kind: span.kind, attributes: attributesOf(span.attributes) });
          }
        }
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
}

function script(request: ScriptedRequest): ScriptedTurn {
  if (request.body.system?.toString().includes('extract')) return { text: '[]' };
  const last = request.body.messages.at(-1)!;
  return { text: `You said: ${typeof last.content === 'string' ? last.content : ''}`, usage: { input_tokens: 12, output_tokens: 4 } };
}

describe('traces: one request, one trace, across the gateway, Kafka and the services', () => {
  const { namespace, adminKey, env } = e2eSuite('trc');
  const spans: ExportedSpan[] = [];
  const model = new ScriptedAnthropic(script);
  let collector: HttpEndpoint;
  let receiver: HttpEndpoint;
  let hb: HeroBrain;
  const tracedEnv = () => ({ ...env, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '100' });
  let gateway: ServiceProcess;
  let memory: ServiceProcess;
  let scheduler: ServiceProcess;
  let runtime: ServiceProcess;
  let dispatcher: ServiceProcess;

  /** Waits for a span matching `match`, as exports arrive. */
  async function spanWhere(what: string, match: (span: ExportedSpan) => boolean, timeoutMs = 10_000): Promise<ExportedSpan> {
    for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 100))) {
      const found = spans.find(match);
      if (found) return found;
    }
    throw new Error(`no span ${what} among ${spans.length}: ${[...new Set(spans.map((s) => `${s.service}/${s.name}`))].join(', ')}`);
  }

  /** Traces a test already looked at, so the next picks a new one. */
  const seen = new Set<string>();
  const childOf = (parent: ExportedSpan) => (span: ExportedSpan) => span.traceId === parent.traceId && span.parentSpanId === parent.spanId;

  beforeAll(async () => {
    collector = await startCollector(spans);
    receiver = await startHttpEndpoint((_req, _body, res) => res.writeHead(204).end());
    await model.start();
    gateway = new ServiceProcess('gateway', 14100, tracedEnv());
    memory = new ServiceProcess('memory', 14103, tracedEnv());
    scheduler = new ServiceProcess('heartbeat-scheduler', 14102, tracedEnv());
    runtime = new ServiceProcess('agent-runtime', 14101, tracedEnv());
    dispatcher = new ServiceProcess('webhook-dispatcher', 14104, tracedEnv());
    for (const app of ['gateway', 'memory', 'agent-runtime', 'heartbeat-scheduler', 'webhook-dispatcher'] as const) await migrate(app, env);
    memory.start();
    runtime.start({ ANTHROPIC_BASE_URL: model.url, ANTHROPIC_MODEL: 'scripted-model', AUTO_MEMORY: 'false' });
    scheduler.start();
    dispatcher.start({ WEBHOOK_ALLOWED_HOSTS: 'localhost' });
    await Promise.all([memory, runtime, scheduler, dispatcher].map((service) => service.waitForReadiness(200)));
    // The gateway logs its access lines (info), which carry the trace's ids.
    gateway.start({ LOG_LEVEL: 'info', WEBHOOK_ALLOWED_HOSTS: 'localhost' });
    await gateway.waitForReadiness(200);
    const tenantId = `trc_${randomBytes(4).toString('hex')}`;
    const admin = new HeroBrain({ apiKey: adminKey, baseUrl: gateway.url });
    await admin.tenants.create({ id: tenantId, name: 'traces', plan: 'enterprise' });
    hb = new HeroBrain({ apiKey: (await admin.apiKeys.create({ name: 'trc', tenantId })).plainKey, tenantId, baseUrl: gateway.url });
  });

  afterAll(async () => {
    await Promise.all([gateway?.stop(), memory?.stop(), runtime?.stop(), scheduler?.stop(), dispatcher?.stop(), model.stop(), collector?.close(), receiver?.close()]);
    await dropKafkaNamespace(namespace);
  });

  it('follows a memory search from the HTTP request through Kafka into the memory service and its queries', async () => {
    await hb.memories.create({ content: 'Traced memory about Q4 goals', type: 'semantic' });
    await hb.memories.search({ query: 'Q4 goals' });

    const send = await spanWhere('send memory.search', (span) => span.service === 'gateway' && span.name === 'send memory.search');
    expect(send).toMatchObject({ kind: SPAN_KIND.PRODUCER, attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'send' } });
    const request = await spanWhere('the HTTP request', (span) => span.spanId === send.parentSpanId);
    expect(request).toMatchObject({ service: 'gateway', kind: SPAN_KIND.SERVER, traceId: send.traceId });
    expect(request.attributes['url.path'] ?? request.attributes['http.target']).toBe('/api/v1/memories/search');

    const processed = await spanWhere('process memory.search, the child of the send', childOf(send));
    expect(processed).toMatchObject({ service: 'memory', name: 'process memory.search', kind: SPAN_KIND.CONSUMER });
    const embedding = await spanWhere('the query embedding', (span) => span.traceId === send.traceId && span.name.startsWith('embeddings '));
    expect(embedding).toMatchObject({ service: 'memory', parentSpanId: processed.spanId, attributes: { 'gen_ai.operation.name': 'embeddings' } });
    const postgres = (span: ExportedSpan) => span.attributes['db.system.name'] === 'postgresql' || span.attributes['db.system'] === 'postgresql';
    const query = await spanWhere('a PostgreSQL query of the search', (span) => span.traceId === send.traceId && span.service === 'memory' && postgres(span));
    expect(query.kind).toBe(SPAN_KIND.CLIENT);

    // The gateway's access line for the request names the trace.
    expect(gateway.logs).toMatch(new RegExp(`"path":"/api/v1/memories/search".*"trace_id":"${send.traceId}"|"trace_id":"${send.traceId}".*"path":"/api/v1/memories/search"`));
  });

  it('carries the trace through the outbox: the event a write emits is consumed in the writer’s trace', async () => {
    const stored = await hb.memories.create({ content: 'An event to follow', type: 'semantic' });
    const send = await spanWhere('send memory.create', (span) => span.service === 'gateway' && span.name === 'send memory.create' && spans.some((s) => s.traceId === span.traceId && s.name === 'process memory.created'));
    const written = await spanWhere('process memory.create', (span) => childOf(send)(span) && span.name === 'process memory.create');
    // The relay publishes later, outside the request: the event's headers carry the writer's context.
    const consumed = await spanWhere('process memory.created, a child of the write', (span) => childOf(written)(span) && span.name === 'process memory.created');
    expect(consumed).toMatchObject({ service: 'webhook-dispatcher', name: 'process memory.created', kind: SPAN_KIND.CONSUMER });
    expect(stored.id).toMatch(/^mem_/);
  });

  it('carries the event’s trace into its webhook deliveries: each attempt is a child of the event’s handling', async () => {
    const hook = await hb.webhooks.create({ name: 'traced', url: `http://localhost:${receiver.port}/in`, events: ['memory.created'], secret: 'shh' });
    await hb.memories.create({ content: 'Delivered within its trace', type: 'semantic' });
    const delivered = await spanWhere('deliver memory.created', (span) => span.name === 'deliver memory.created' && span.attributes['webhook.id'] === hook.id);
    expect(delivered).toMatchObject({ service: 'webhook-dispatcher', kind: SPAN_KIND.PRODUCER, attributes: { 'webhook.attempt': 1, 'http.response.status_code': 204 } });
    const handled = await spanWhere('the handling of the event', (span) => span.spanId === delivered.parentSpanId);
    expect(handled).toMatchObject({ service: 'webhook-dispatcher', name: 'process memory.created', traceId: delivered.traceId });
    // The same trace began at the gateway with the write.
    await spanWhere('the write at the gateway', (span) => span.traceId === delivered.traceId && span.service === 'gateway' && span.name === 'send memory.create');
  });

  it('keeps loops a request woke out of its trace: the outbox relay’s later passes are nobody’s', async () => {
    await hb.memories.create({ content: 'A write that wakes the relay', type: 'semantic' });
    const send = await spanWhere('the write', (span) => span.service === 'gateway' && span.name === 'send memory.create' && !seen.has(span.traceId));
    seen.add(send.traceId);
    const inTrace = () => spans.filter((span) => span.traceId === send.traceId && span.service === 'memory').length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const settled = inTrace();
    // The relay's next poll comes 5 s after the pass the write nudged; were it in the write's trace, its queries would join it.
    await new Promise((resolve) => setTimeout(resolve, 6500));
    expect(inTrace()).toBe(settled);
  });

  it('follows a heartbeat trigger from the gateway through the scheduler to the agent run and its model call', async () => {
    const bot = await hb.bots.create({ name: 'Traced', heartbeat: true });
    const heartbeat = await hb.heartbeats.configure({ bot_id: bot.id, prompt: 'Anything new?', cron_pattern: '0 9 * * 1' });
    expect(await hb.heartbeats.trigger({ bot_id: bot.id, heartbeat_id: heartbeat.uuid })).toMatchObject({ status: 'success' });

    const trigger = await spanWhere('send heartbeat.trigger', (span) => span.service === 'gateway' && span.name === 'send heartbeat.trigger');
    const fired = await spanWhere('process heartbeat.trigger', childOf(trigger));
    expect(fired).toMatchObject({ service: 'heartbeat-scheduler', kind: SPAN_KIND.CONSUMER });
    const invoke = await spanWhere('send agent.invoke from the scheduler', (span) => span.traceId === trigger.traceId && span.service === 'heartbeat-scheduler' && span.name === 'send agent.invoke');
    const accepted = await spanWhere('process agent.invoke', childOf(invoke));
    expect(accepted).toMatchObject({ service: 'agent-runtime', kind: SPAN_KIND.CONSUMER });

    const run = await spanWhere('the agent run', (span) => span.traceId === trigger.traceId && span.name === 'invoke_agent Traced');
    expect(run.attributes).toMatchObject({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.id': bot.id });
    const chat = await spanWhere('the model call', childOf(run));
    expect(chat).toMatchObject({
      name: 'chat scripted-model',
      kind: SPAN_KIND.CLIENT,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'anthropic',
        'gen_ai.request.model': 'scripted-model',
        'gen_ai.usage.input_tokens': 12,
        'gen_ai.usage.output_tokens': 4,
      },
    });
    // The HTTP request the SDK sent for it, within the model call (the SDK may put a span of its
    // own between). It is found by that place and its name: other spans of the trace carry
    // http.request.method POST too (the SDK's own span, the gateway's SERVER span at the root).
    const underChat = (span: ExportedSpan) =>
      span.parentSpanId === chat.spanId || spans.some((parent) => parent.spanId === span.parentSpanId && parent.parentSpanId === chat.spanId);
    const sent = await spanWhere('the model call’s HTTP request', (span) => span.traceId === chat.traceId && span.name === 'POST' && underChat(span));
    expect(sent).toMatchObject({ service: 'agent-runtime', name: 'POST', kind: SPAN_KIND.CLIENT, attributes: { 'http.response.status_code': 200 } });
  });

  it('records nothing of probes and scrapes', async () => {
    await fetch(`${gateway.url}/health/ready`);
    await fetch(`${memory.url}/metrics`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(spans.filter((span) => /\/(health|metrics)/.test(String(span.attributes['url.path'] ?? span.attributes['http.target'] ?? '')))).toEqual([]);
  });
});
