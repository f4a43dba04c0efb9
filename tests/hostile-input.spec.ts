import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { ScriptedAnthropic } from '@hb/testing';
import { openApiDocumentOf } from './support/openapi-conformance';
import { APPS, ServiceProcess, e2eEnv, migrate, type App } from './support/processes';

/**
 * Every route of the gateway's own /openapi.json, called with generated hostile input: bodies of
 * any JSON shape (the route's own field names given wrong values), broken JSON, odd content types,
 * hostile query strings and path parameters, another tenant's ids, and every kind of key. Whatever
 * comes, the answer is never a 5xx, an error is always in its face's shape, and nothing of the
 * other tenant ever shows. Generation is seeded: a failure prints the seed and the request.
 */

const REQUESTS = Number(process.env.HOSTILE_REQUESTS ?? 10_000);
const CONCURRENCY = 8;
const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 2 ** 31);

const PORTS: Record<App, number> = {
  gateway: 13500,
  'agent-runtime': 13501,
  'heartbeat-scheduler': 13502,
  memory: 13503,
  'webhook-dispatcher': 13504,
};

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodyFields: string[];
}

interface HostileRequest {
  method: string;
  path: string;
  key: string;
  headers: Record<string, string>;
  body?: string;
}

interface Probe {
  request: HostileRequest;
  status: number;
  text: string;
}

describe('hostile input on every route', () => {
  const namespace = `fuz${randomBytes(3).toString('hex')}`;
  const adminKey = `hb_admin_e2e_${randomBytes(16).toString('hex')}`;
  const model = new ScriptedAnthropic(() => ({ text: 'fine' }));
  const env = {
    ...e2eEnv(namespace, adminKey),
    KEY_RATE_LIMIT_PER_MINUTE: '1000000',
    KEY_RATE_LIMIT_PER_HOUR: '1000000',
    KEY_RATE_LIMIT_PER_DAY: '1000000',
    RUN_TIMEOUT_MS: '2000',
  };
  const services = Object.fromEntries(APPS.map((app) => [app, new ServiceProcess(app, PORTS[app], env)])) as Record<App, ServiceProcess>;
  const gateway = services.gateway;
  /** What only the other tenant holds: none of it may appear in an answer to this tenant. */
  const secretOfOther = `other-tenant-secret-${randomBytes(6).toString('hex')}`;
  const other: { ids: string[]; key: string; agentId: string; memoryId: string; webhookId: string } = { ids: [], key: '', agentId: '', memoryId: '', webhookId: '' };

  /** What the other tenant sees of its own things: no probe may change it. */
  async function theirThings(): Promise<Record<'agent' | 'memory' | 'webhook', unknown[]>> {
    const [agent, memory, webhook] = await Promise.all([
      call('GET', `/api/v1/agents/${other.agentId}`, other.key),
      call('GET', `/api/v1/memories/${other.memoryId}`, other.key),
      call('GET', `/api/v1/webhooks/${other.webhookId}`, other.key),
    ]);
    return {
      agent: [agent.status, agent.body?.name, agent.body?.instructions, agent.body?.model],
      memory: [memory.status, memory.body?.data?.content, memory.body?.data?.type],
      webhook: [webhook.status, webhook.body?.data?.url, webhook.body?.data?.events, webhook.body?.data?.active],
    };
  }
  const mine: { keys: string[]; ids: string[] } = { keys: [], ids: [] };

  async function call(method: string, path: string, key: string, body?: unknown) {
    const res = await fetch(`${gateway.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => undefined)) as any };
  }

  async function aTenant(): Promise<{ key: string; agentId: string; agentKey: string; memoryId: string; webhookId: string; botId?: string }> {
    const tenantId = `tenant_${randomBytes(4).toString('hex')}`;
    await call('POST', '/api/v1/admin/tenants', adminKey, { id: tenantId, name: 'fuzz' });
    const key = (await call('POST', '/api/v1/api-keys', adminKey, { name: 'k', tenantId })).body.data.plainKey;
    const agent = (await call('POST', '/api/v1/agents', key, { name: `agent ${secretOfOther}`, instructions: secretOfOther })).body;
    const agentKey = (await call('POST', `/api/v1/agents/${agent.id}/api-keys`, key, { name: 'k' })).body.plainKey;
    const memory = (await call('POST', '/api/v1/memories', key, { content: `remember ${secretOfOther}`, type: 'semantic' })).body.data;
    const webhook = (await call('POST', '/api/v1/webhooks', key, { name: 'w', url: 'https://93.184.215.14/hook', events: ['memory.created'], secret: secretOfOther })).body.data;
    return { key, agentId: agent.id, agentKey, memoryId: memory.id, webhookId: webhook.id };
  }

  beforeAll(async () => {
    for (const app of APPS) await migrate(app, env);
    await model.start();
    for (const service of Object.values(services)) service.start({ ANTHROPIC_BASE_URL: model.url, ANTHROPIC_MODEL: 'scripted-model' });
    await Promise.all(Object.values(services).map((service) => service.waitForReadiness(200, 90_000)));
    const theirs = await aTenant();
    Object.assign(other, theirs, { ids: [theirs.agentId, theirs.memoryId, theirs.webhookId] });
    // This tenant's own things carry no secret: they are what its probes may legitimately see.
    const tenantId = `tenant_${randomBytes(4).toString('hex')}`;
    await call('POST', '/api/v1/admin/tenants', adminKey, { id: tenantId, name: 'fuzz' });
    const key = (await call('POST', '/api/v1/api-keys', adminKey, { name: 'k', tenantId })).body.data.plainKey;
    const agent = (await call('POST', '/api/v1/agents', key, { name: 'mine', instructions: 'Be brief.' })).body;
    const agentKey = (await call('POST', `/api/v1/agents/${agent.id}/api-keys`, key, { name: 'k' })).body.plainKey;
    const memory = (await call('POST', '/api/v1/memories', key, { content: 'my own memory', type: 'semantic' })).body.data;
    mine.keys = [key, agentKey];
    mine.ids = [agent.id, memory.id];
  }, 180_000);

  afterAll(async () => {
    await Promise.all(Object.values(services).map((service) => service.stop('SIGKILL')));
    await model.stop();
  });

  it(`answers ${REQUESTS} generated hostile requests without a 5xx, in the face's shape, leaking nothing`, async () => {
    const document = await openApiDocumentOf(gateway.url);
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(50);

    const before = await theirThings();
    expect([before.agent[0], before.memory[0], before.webhook[0]]).toEqual([200, 200, 200]);
    const requests = fc.sample(hostileRequest(operations, { mine, otherIds: other.ids, adminKey }), { numRuns: REQUESTS, seed: SEED });
    const probes = await runAll(requests, CONCURRENCY, async (request): Promise<Probe> => {
      try {
        const res = await fetch(`${gateway.url}${request.path}`, {
          method: request.method,
          headers: { ...(request.key ? { Authorization: `Bearer ${request.key}` } : {}), ...request.headers },
          body: request.body,
          signal: AbortSignal.timeout(30_000),
        });
        return { request, status: res.status, text: await res.text() };
      } catch (error) {
        return { request, status: 0, text: `no answer: ${String(error)}` };
      }
    });

    // The admin key may read every tenant: its probes are checked for status and shape only.
    const failures = probes
      .map((probe) => ({ probe, problem: problemWith(probe, probe.request.key === adminKey ? undefined : secretOfOther) }))
      .filter((f) => f.problem);
    const routesHit = new Set(requests.map((r) => `${r.method} ${routeOf(r.path, operations)}`));
    const byStatus = probes.reduce<Record<number, number>>((counts, p) => ({ ...counts, [p.status]: (counts[p.status] ?? 0) + 1 }), {});
    process.stdout.write(
      `hostile input: ${probes.length} requests over ${routesHit.size} of ${operations.length} operations, seed ${SEED}; ` +
        `statuses ${JSON.stringify(byStatus)}; ${failures.length} failed\n`,
    );
    expect(failures.slice(0, 5).map(({ probe, problem }) => ({ problem, request: probe.request, status: probe.status, answer: probe.text.slice(0, 300) }))).toEqual([]);
    expect(routesHit.size).toBe(operations.length);

    // The other tenant's things are all still there as they were: no probe changed or deleted them.
    expect(await theirThings()).toEqual(before);
  }, 900_000);
});

/** The operations of an OpenAPI document with their path and query parameters and body fields. */
function operationsOf(document: { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, any> } }): Operation[] {
  const schemas = document.components?.schemas ?? {};
  const fieldsOf = (schema: any): string[] => {
    if (!schema) return [];
    if (schema.$ref) return fieldsOf(schemas[schema.$ref.split('/').pop()]);
    return Object.keys(schema.properties ?? {});
  };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
        queryParams: (operation.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name),
        bodyFields: fieldsOf(operation.requestBody?.content?.['application/json']?.schema),
      })),
  );
}

function routeOf(path: string, operations: Operation[]): string {
  const bare = path.split('?')[0];
  return operations.find((op) => new RegExp(`^${op.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(bare))?.path ?? bare;
}

/** Values no route expects. */
const hostileScalar = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', "' OR 1=1 --", '%', '%00', '<script>', '{{7*7}}', 'null', 'NaN', '-1', '1e309', '9'.repeat(40), 'x'.repeat(5000)),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 53, -(2 ** 63), 1e308, Number.MAX_SAFE_INTEGER),
  fc.boolean(),
  fc.constant(null),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileScalar,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 10 }), tie('value'), { maxKeys: 5 }),
  ),
})).value;

function hostileRequest(
  operations: Operation[],
  who: { mine: { keys: string[]; ids: string[] }; otherIds: string[]; adminKey: string },
): fc.Arbitrary<HostileRequest> {
  const pathValue = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...who.mine.ids) },
    { weight: 2, arbitrary: fc.constantFrom(...who.otherIds) },
    fc.uuid(),
    hostileScalar.map((v) => encodeURIComponent(String(v)).slice(0, 2000) || '_'),
  );
  const key = fc.oneof(
    { weight: 5, arbitrary: fc.constant(who.mine.keys[0]) },
    { weight: 2, arbitrary: fc.constant(who.mine.keys[1]) },
    { weight: 1, arbitrary: fc.constantFrom('', 'hb_prod_not-a-key', 'Bearer', 'hb_agent_' + 'x'.repeat(64), who.adminKey) },
  );
  const body = (op: Operation) =>
    fc.oneof(
      // The route's own fields, each given a hostile value (or left out).
      { weight: 4, arbitrary: fc.record(Object.fromEntries(op.bodyFields.map((f) => [f, hostileValue])), { requiredKeys: [] }).map((v) => JSON.stringify(v)) },
      { weight: 2, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? 'null') },
      { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', '[1,2', 'nul', '\u0000', '{"a":1}{"b":2}', `${'['.repeat(3000)}${']'.repeat(3000)}`, `{"__proto__": {"polluted": true}}`, `{"constructor": {"prototype": {"x": 1}}}`) },
      { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    );
  return fc
    .constantFrom(...operations)
    .chain((op) =>
      fc.record({
        op: fc.constant(op),
        params: fc.tuple(...op.pathParams.map(() => pathValue)),
        query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...(op.queryParams.length ? op.queryParams : ['q'])), fc.string({ maxLength: 8 })), hostileScalar), { maxLength: 4 }),
        key,
        body: op.method === 'GET' || op.method === 'DELETE' ? fc.constant(undefined) : fc.option(body(op), { nil: undefined, freq: 8 }),
        contentType: fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'),
      }),
    )
    .map(({ op, params, query, key: k, body: b, contentType }): HostileRequest => {
      let path = op.path;
      op.pathParams.forEach((name, i) => (path = path.replace(`{${name}}`, String(params[i]))));
      const search = new URLSearchParams(query.map(([name, value]): [string, string] => [name, String(value)])).toString();
      return {
        method: op.method,
        path: search ? `${path}?${search}` : path,
        key: k,
        headers: b === undefined ? {} : ({ 'Content-Type': contentType } as Record<string, string>),
        body: b,
      };
    });
}

/** What is wrong with an answer, if anything. */
function problemWith({ request, status, text }: Probe, secret: string | undefined): string | undefined {
  if (status === 0) return 'no answer';
  if (status >= 500) return `status ${status}`;
  if (secret && text.includes(secret)) return "the other tenant's data in the answer";
  if (status < 400) return undefined;
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return 'an error that is not JSON';
  }
  const path = request.path.split('?')[0];
  const heartbeatFace = path === '/v1/bot' || path.startsWith('/v1/bot/');
  const agentFace = /^\/api\/v1\/(agents|skills)(\/|$)/.test(path);
  const detailOk = (e: any) => typeof e?.code === 'string' && typeof e?.message === 'string';
  if (heartbeatFace || agentFace) return detailOk(body?.error) ? undefined : `not the ${agentFace ? 'Agent' : 'Heartbeat'} API's error shape`;
  if (body?.success === false && Array.isArray(body.errors) && body.errors.every(detailOk) && body.metadata?.request_id) return undefined;
  // Routes outside /api and /v1 (health, docs) answer in plain shapes of their own.
  if (!path.startsWith('/api/') && !path.startsWith('/v1/')) return undefined;
  return "not the Memory API's error envelope";
}

async function runAll<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]);
      }
    }),
  );
  return results;
}
