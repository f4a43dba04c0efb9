import { spawn, type ChildProcess } from 'node:child_process';
import { MemoryCommands, type MemoryView } from '@hb/contracts';
import { CommandServer, KafkaBus, JsonLogger } from '@hb/platform';
import { ADMIN_KEY, client, dropTestTopics, migrateGateway, namespace, startGateway, testInfra, uniqueTenantId, type RunningGateway } from './support/gateway-harness';
import { CreateApiKeyUseCase } from '../src/api-keys/use-cases/create-api-key.use-case';

jest.setTimeout(120_000);

describe('gateway', () => {
  let gateway: RunningGateway;
  let call: ReturnType<typeof client>;

  beforeAll(async () => {
    await migrateGateway();
    gateway = await startGateway();
    call = client(gateway.url);
  });

  afterAll(async () => {
    await gateway.close();
  });

  async function aTenant(overrides: object = {}): Promise<string> {
    const id = uniqueTenantId();
    const res = await call('POST', '/api/v1/admin/tenants', { key: ADMIN_KEY, body: { id, name: 'Test tenant', ...overrides } });
    expect(res.status).toBe(201);
    return id;
  }

  async function aKey(tenantId: string, body: object = {}): Promise<{ id: string; plainKey: string }> {
    const res = await call('POST', '/api/v1/api-keys', { key: ADMIN_KEY, body: { name: 'k', tenantId, ...body } });
    expect(res.status).toBe(201);
    return res.body.data;
  }

  describe('tenants', () => {
    it('lets the admin key create, read, list and change a tenant', async () => {
      const id = uniqueTenantId();
      const created = await call('POST', '/api/v1/admin/tenants', { key: ADMIN_KEY, body: { id, name: 'Acme', plan: 'free' } });
      expect(created.body.data).toMatchObject({ id, name: 'Acme', plan: 'free', limits: { requestsPerMonth: 1000, minHeartbeatIntervalMinutes: 60 } });

      const patched = await call('PATCH', `/api/v1/admin/tenants/${id}`, {
        key: ADMIN_KEY,
        body: { plan: 'pro', limits: { requestsPerMonth: 5000 } },
      });
      expect(patched.body.data).toMatchObject({ plan: 'pro', limits: { requestsPerMonth: 5000, memories: 1_000_000 } });
      expect((await call('GET', `/api/v1/admin/tenants/${id}`, { key: ADMIN_KEY })).body.data.limitOverrides).toEqual({ requestsPerMonth: 5000 });
      const listed = await call('GET', '/api/v1/admin/tenants', { key: ADMIN_KEY });
      expect(listed.body.data.tenants.map((t: { id: string }) => t.id)).toContain(id);
    });

    it('generates a tenant id when none is given, on the default plan', async () => {
      const res = await call('POST', '/api/v1/admin/tenants', { key: ADMIN_KEY, body: { name: 'Anonymous' } });
      expect(res.body.data).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), plan: 'pro' });
    });

    it('answers 409 DUPLICATE_RESOURCE for a tenant id that exists', async () => {
      const id = await aTenant();
      const res = await call('POST', '/api/v1/admin/tenants', { key: ADMIN_KEY, body: { id, name: 'Again' } });
      expect(res.status).toBe(409);
      expect(res.body.errors[0]).toMatchObject({ code: 'DUPLICATE_RESOURCE', field: 'id' });
    });

    it('keeps tenant management to the admin key', async () => {
      const { plainKey } = await aKey(await aTenant());
      const res = await call('GET', '/api/v1/admin/tenants', { key: plainKey });
      expect(res.status).toBe(403);
      expect(res.body.errors[0].code).toBe('INSUFFICIENT_SCOPE');
    });
  });

  describe('API keys as spec 003 shows them', () => {
    it('creates a key with the example request and answers field for field, plainKey once', async () => {
      const tenantId = await aTenant();
      // The spec's curl example, with our tenant and the admin key as the bearer.
      const res = await call('POST', '/api/v1/api-keys', {
        key: ADMIN_KEY,
        raw: `{
    "name": "Production API Key",
    "tenantId": "${tenantId}",
    "environment": "production",
    "scopes": ["read:memories", "write:memories"]
  }`,
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        success: true,
        data: {
          id: expect.stringMatching(/^key_[A-Za-z0-9]+$/),
          name: 'Production API Key',
          keyPrefix: expect.stringMatching(/^hb_prod_[A-Za-z0-9]{6}$/),
          plainKey: expect.stringMatching(/^hb_prod_[A-Za-z0-9]{38}$/),
          environment: 'production',
          scopes: ['read:memories', 'write:memories'],
          rateLimit: { requestsPerMinute: 60, requestsPerHour: 1000, requestsPerDay: 10000 },
          createdAt: expect.any(String),
        },
        metadata: { request_id: expect.stringMatching(/^req_/), timestamp: expect.any(String), version: 'v1' },
      });
      expect(res.body.data.plainKey.startsWith(res.body.data.keyPrefix)).toBe(true);

      const listed = await call('GET', `/api/v1/api-keys?tenantId=${tenantId}`, { key: ADMIN_KEY });
      expect(listed.body.data.keys).toEqual([expect.objectContaining({ id: res.body.data.id, status: 'active' })]);
      expect(JSON.stringify(listed.body)).not.toContain(res.body.data.plainKey);
      expect(listed.body.data.keys[0]).not.toHaveProperty('plainKey');
    });

    it('makes development keys with the hb_dev_ prefix', async () => {
      const key = await aKey(await aTenant(), { environment: 'development' });
      expect(key.plainKey).toMatch(/^hb_dev_/);
    });

    it('revokes a key with the example request, after which it is refused', async () => {
      const tenantId = await aTenant();
      const { id, plainKey } = await aKey(tenantId);
      expect((await call('GET', '/api/v1/system/whoami', { key: plainKey })).status).toBe(200);

      const revoked = await call('POST', '/api/v1/api-keys/revoke', { key: ADMIN_KEY, body: { keyId: id, tenantId } });
      expect(revoked.status).toBe(200);
      expect(revoked.body.data).toMatchObject({ id, status: 'revoked', revokedAt: expect.any(String) });

      const refused = await call('GET', '/api/v1/system/whoami', { key: plainKey });
      expect(refused.status).toBe(401);
      expect(refused.body.errors[0].code).toBe('AUTH_INVALID');
    });

    it('lets a key with write:keys make keys for its own tenant, never with more scopes than it holds', async () => {
      const tenantId = await aTenant();
      const { plainKey } = await aKey(tenantId, { scopes: ['write:keys', 'read:memories'] });
      const narrower = await call('POST', '/api/v1/api-keys', { key: plainKey, body: { name: 'child', scopes: ['read:memories'] } });
      expect(narrower.status).toBe(201);
      const omitted = await call('POST', '/api/v1/api-keys', { key: plainKey, body: { name: 'child2' } });
      expect(omitted.body.data.scopes).toEqual(['read:memories', 'write:keys']);
      const wider = await call('POST', '/api/v1/api-keys', { key: plainKey, body: { name: 'child3', scopes: ['write:memories'] } });
      expect(wider.status).toBe(403);
      expect(wider.body.errors[0]).toMatchObject({ code: 'INSUFFICIENT_SCOPE', field: 'scopes' });
    });

    it('does not find a key of another tenant to revoke', async () => {
      const owner = await aTenant();
      const { id } = await aKey(owner);
      const other = await aTenant();
      const { plainKey } = await aKey(other);
      const res = await call('POST', '/api/v1/api-keys/revoke', { key: plainKey, body: { keyId: id } });
      expect(res.status).toBe(404);
      expect(res.body.errors[0].code).toBe('RESOURCE_NOT_FOUND');
    });
  });

  describe('authentication errors', () => {
    it('answers 401 AUTH_REQUIRED without a key', async () => {
      const res = await call('GET', '/api/v1/api-keys');
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ success: false, errors: [{ code: 'AUTH_REQUIRED' }] });
    });

    it.each([
      ['a malformed key', 'hb_prod_short'],
      ['a key whose checksum does not match', `hb_prod_${'a'.repeat(32)}AAAAAA`],
      ['a well-formed key nobody issued', 'not-a-key'],
      ['a JWT, when the deployment names no key set to verify it', 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1c2VyXzEiLCJvcmdfaWQiOiJvcmdfMSJ9.c2lnbmF0dXJl'],
    ])('answers 401 AUTH_INVALID for %s', async (_what, key) => {
      const res = await call('GET', '/api/v1/api-keys', { key });
      expect(res.status).toBe(401);
      expect(res.body.errors).toEqual([{ code: 'AUTH_INVALID', message: 'Invalid authentication token' }]);
    });

    it('refuses an expired key with the same AUTH_INVALID', async () => {
      const { plainKey } = await aKey(await aTenant(), { expiresAt: Math.floor(Date.now() / 1000) + 2 });
      expect((await call('GET', '/api/v1/system/whoami', { key: plainKey })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2600));
      const res = await call('GET', '/api/v1/system/whoami', { key: plainKey });
      expect(res.status).toBe(401);
      expect(res.body.errors[0].code).toBe('AUTH_INVALID');
    });

    it('answers 403 TENANT_MISMATCH when a key names another tenant in the path, query or body', async () => {
      const { plainKey } = await aKey(await aTenant());
      const other = await aTenant();
      for (const res of [
        await call('GET', `/api/v1/usage/metrics/${other}`, { key: plainKey }),
        await call('GET', `/api/v1/api-keys?tenantId=${other}`, { key: plainKey }),
        await call('POST', '/api/v1/api-keys', { key: plainKey, body: { name: 'x', tenantId: other } }),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body.errors[0]).toMatchObject({ code: 'TENANT_MISMATCH', field: 'tenantId' });
      }
    });

    it('answers 403 INSUFFICIENT_SCOPE for a route the key may not use', async () => {
      const { plainKey } = await aKey(await aTenant(), { scopes: ['read:memories'] });
      const res = await call('GET', '/api/v1/api-keys', { key: plainKey });
      expect(res.status).toBe(403);
      expect(res.body.errors[0]).toMatchObject({ code: 'INSUFFICIENT_SCOPE', message: "This key lacks the 'read:keys' scope" });
    });

    it('keeps an agent key off routes that are not its agent', async () => {
      const tenantId = await aTenant();
      const agentKey = await gateway.app.get(CreateApiKeyUseCase).execute({
        principal: { kind: 'admin', scopes: ['invoke:agents', 'read:memories', 'write:memories'] },
        tenantId,
        name: 'agent',
        kind: 'agent',
        agentId: 'agent_a',
      });
      expect(agentKey.plainKey).toMatch(/^hb_agent_/);
      const res = await call('GET', '/api/v1/api-keys', { key: agentKey.plainKey });
      expect(res.status).toBe(403);
      expect(res.body.errors[0].code).toBe('AGENT_MISMATCH');
      // Who it is, it may ask: the answer is its own.
      const whoami = await call('GET', '/api/v1/system/whoami', { key: agentKey.plainKey });
      expect(whoami).toMatchObject({ status: 200, body: { data: { kind: 'key', tenantId, agentId: 'agent_a', scopes: ['invoke:agents', 'read:memories', 'write:memories'] } } });
    });
  });

  describe('rate limits', () => {
    async function atStartOfAMinute(): Promise<void> {
      // A burst that straddles two minute windows would see two budgets; start well inside one.
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 100));
    }

    it('counts the headers down on every authenticated response', async () => {
      await atStartOfAMinute();
      const { plainKey } = await aKey(await aTenant());
      const first = await call('GET', '/api/v1/system/whoami', { key: plainKey });
      const second = await call('GET', '/api/v1/system/whoami', { key: plainKey });
      expect(first.headers.get('x-ratelimit-limit')).toBe('60');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('59');
      expect(second.headers.get('x-ratelimit-remaining')).toBe('58');
      const reset = Number(first.headers.get('x-ratelimit-reset'));
      expect(reset).toBe(Math.ceil((Math.floor(Date.now() / 60_000) + 1) * 60));
    });

    it('lets exactly 60 of 200 concurrent requests from one key through, the rest 429 with Retry-After', async () => {
      await atStartOfAMinute();
      const { plainKey } = await aKey(await aTenant());
      const results = await Promise.all(Array.from({ length: 200 }, () => call('GET', '/api/v1/system/whoami', { key: plainKey })));
      const ok = results.filter((r) => r.status === 200);
      const limited = results.filter((r) => r.status === 429);
      expect(ok).toHaveLength(60);
      expect(limited).toHaveLength(140);
      for (const res of limited) {
        expect(res.body.errors[0].code).toBe('RATE_LIMIT_EXCEEDED');
        expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      }
    });

    it("enforces the tenant's monthly quota across its keys", async () => {
      const tenantId = await aTenant({ limits: { requestsPerMonth: 3 } });
      const a = await aKey(tenantId);
      const b = await aKey(tenantId);
      const statuses = [];
      for (const key of [a, b, a, b]) statuses.push((await call('GET', '/api/v1/system/whoami', { key: key.plainKey })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    });

    describe('with the memory service answering', () => {
      // Stands where the memory service answers on its command topic: the gateway's side of the
      // contract is what is under test here, the memory service's own figures are tested there.
      let memoryBus: KafkaBus;
      let memory: CommandServer;
      const reported = new Map<string, { memories: number; storageBytes: number }>();
      const agentMemory = new Map<string, MemoryView>();
      const deletedRefs: object[] = [];

      beforeAll(async () => {
        const logger = new JsonLogger('memory', 'test', 'error', { write: () => true });
        memoryBus = new KafkaBus({ brokers: testInfra.KAFKA_BROKERS.split(','), service: 'memory', instanceId: 'usage-test', namespace, logger });
        await memoryBus.connect();
        memory = new CommandServer(memoryBus, 'memory', logger);
        memory.handle(MemoryCommands.TenantUsage, async ({ tenantId }) => reported.get(tenantId) ?? { memories: 0, storageBytes: 0 });
        memory.handle(MemoryCommands.List, async ({ tenantId, agentId, limit }) => {
          const memories = [agentMemory.get(`${tenantId}/${agentId}`)].filter((m) => m !== undefined).slice(0, limit);
          return { memories, pagination: { page: 1, limit, total: memories.length, pages: 1, hasNext: false, hasPrevious: false } };
        });
        memory.handle(MemoryCommands.Delete, async (ref) => {
          deletedRefs.push({ ...ref });
          return { id: ref.id };
        });
        await memory.start();
      });

      afterAll(async () => {
        await memory.stop();
        await memoryBus.disconnect();
      });

      it("serves an agent's memory in the Agent API's shape, to its own agent key only", async () => {
        const tenantId = await aTenant();
        const create = gateway.app.get(CreateApiKeyUseCase);
        const admin = { kind: 'admin' as const, scopes: ['invoke:agents', 'read:memories', 'write:memories'] as const };
        const keyA = await create.execute({ principal: { ...admin, scopes: [...admin.scopes] }, tenantId, name: 'a', kind: 'agent', agentId: 'agent_a' });
        agentMemory.set(`${tenantId}/agent_a`, {
          id: 'mem_001',
          type: 'semantic',
          content: 'Customer prefers email communication over Slack',
          importance: 0.5,
          tags: [],
          metadata: { confidence: 0.92, source_conversation: 'conv_xyz789' },
          createdAt: '2026-02-08T09:00:00.000Z',
          updatedAt: '2026-02-08T09:00:00.000Z',
        });

        // Spec 000's list request, without its query: this stand-in answers lists only.
        const listed = await call('GET', '/api/v1/agents/agent_a/memory?type=semantic&limit=5', { key: keyA.plainKey });
        expect(listed.status).toBe(200);
        expect(listed.body).toEqual({
          data: [
            {
              id: 'mem_001',
              type: 'semantic',
              content: 'Customer prefers email communication over Slack',
              confidence: 0.92,
              source_conversation: 'conv_xyz789',
              created_at: '2026-02-08T09:00:00.000Z',
            },
          ],
          total: 1,
        });

        const deleted = await call('DELETE', '/api/v1/agents/agent_a/memory/mem_001', { key: keyA.plainKey });
        expect(deleted.status).toBe(204);
        expect(deletedRefs).toContainEqual({ tenantId, id: 'mem_001', agentId: 'agent_a' });

        const elsewhere = await call('GET', '/api/v1/agents/agent_b/memory', { key: keyA.plainKey });
        expect(elsewhere.status).toBe(403);
        expect(elsewhere.body).toEqual({ error: { code: 'AGENT_MISMATCH', message: 'This key is scoped to another agent' } });
      });

      it('answers the spec\'s example request with API calls counted by the gateway and figures from the memory service', async () => {
        const tenantId = await aTenant();
        reported.set(tenantId, { memories: 1250, storageBytes: 52428800 });
        const { plainKey } = await aKey(tenantId);
        await call('GET', '/api/v1/system/whoami', { key: plainKey });
        const res = await call('GET', `/api/v1/usage/metrics/${tenantId}`, { key: plainKey });
        expect(res.status).toBe(200);
        expect(res.body.data).toEqual({
          apiCalls: { today: 2, thisMonth: 2, limit: 100000 },
          memories: { count: 1250, limit: 1000000 },
          storage: { used: 52428800, limit: 1073741824 },
        });
      });
    });
  });

  describe('input', () => {
    it('answers malformed JSON with 400 VALIDATION_ERROR in the envelope', async () => {
      const res = await call('POST', '/api/v1/api-keys', { key: ADMIN_KEY, raw: '{"name": ' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, errors: [{ code: 'VALIDATION_ERROR', field: 'body' }] });
      expect(res.body.metadata.request_id).toBe(res.headers.get('x-request-id'));
    });

    it.each([
      ['name', { name: '' }],
      ['name', { name: 'x'.repeat(256) }],
      ['name', { name: 42 }],
      ['environment', { name: 'k', environment: 'staging' }],
      ['scopes', { name: 'k', scopes: ['read:everything'] }],
      ['expiresAt', { name: 'k', expiresAt: 'tomorrow' }],
    ])('answers 400 naming %s', async (field, body) => {
      const tenantId = await aTenant();
      const res = await call('POST', '/api/v1/api-keys', { key: ADMIN_KEY, body: { tenantId, ...body } });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', field });
    });

    it('ignores fields it does not know', async () => {
      const tenantId = await aTenant();
      const res = await call('POST', '/api/v1/api-keys', { key: ADMIN_KEY, body: { tenantId, name: 'k', color: 'blue' } });
      expect(res.status).toBe(201);
    });

    it('answers a body over 1 MiB with 413 in the envelope', async () => {
      const res = await call('POST', '/api/v1/api-keys', { key: ADMIN_KEY, body: { name: 'x'.repeat(1_100_000) } });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ success: false, errors: [{ code: 'PAYLOAD_TOO_LARGE' }] });
    });

    it.each([
      ['objects', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
      ['arrays', `{"name": "k", "scopes": ${'['.repeat(5000)}${']'.repeat(5000)}}`],
    ])('answers JSON nested 5,000 deep in %s with 400 naming the body, in the envelope', async (_, raw) => {
      const res = await call('POST', '/api/v1/api-keys', { key: ADMIN_KEY, raw });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        success: false,
        errors: [{ code: 'VALIDATION_ERROR', field: 'body', message: 'Request body nests deeper than 64 levels' }],
      });
    });

    it('takes JSON nested to the limit, and brackets inside strings do not count', async () => {
      const tenantId = await aTenant();
      const deepButAllowed = `${'['.repeat(63)}${']'.repeat(63)}`;
      const res = await call('POST', '/api/v1/api-keys', {
        key: ADMIN_KEY,
        raw: JSON.stringify({ tenantId, name: '[[[[{{{{'.repeat(20), extra: 'x' }).replace('"x"', deepButAllowed),
      });
      expect(res.status).toBe(201);
    });

    it('logs each request with its id, caller and status', async () => {
      const tenantId = await aTenant();
      const { plainKey } = await aKey(tenantId);
      const res = await call('GET', '/api/v1/system/whoami', { key: plainKey });
      const requestId = res.headers.get('x-request-id');
      const deadline = Date.now() + 2000;
      let line: Record<string, unknown> | undefined;
      while (!line && Date.now() < deadline) {
        line = gateway.logs.find((entry) => entry.requestId === requestId);
        if (!line) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(line).toMatchObject({ msg: 'request', method: 'GET', path: '/api/v1/system/whoami', status: 200, tenantId });
    });

    it('never shows a stack trace', async () => {
      const res = await call('POST', '/api/v1/api-keys', { key: ADMIN_KEY, raw: '[1,2' });
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|node_modules/);
    });
  });

  describe('documentation', () => {
    it('serves an OpenAPI document describing the routes', async () => {
      const res = await fetch(`${gateway.url}/openapi.json`);
      const doc = (await res.json()) as { paths: object; components: { schemas: Record<string, { properties: Record<string, { example?: unknown }> }> } };
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/v1/api-keys', '/api/v1/api-keys/revoke', '/api/v1/usage/metrics/{tenantId}', '/api/v1/admin/tenants']),
      );
      expect(doc.components.schemas.CreateApiKeyDto.properties.scopes.example).toEqual(['read:memories', 'write:memories']);
    });

    it('serves interactive docs at /docs', async () => {
      const res = await fetch(`${gateway.url}/docs`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('swagger');
    });
  });
});

describe('gateway replicas', () => {
  let first: RunningGateway;
  let second: RunningGateway;

  beforeAll(async () => {
    await migrateGateway();
    // A long cache TTL, so only the revocation event can make the second replica refuse in time;
    // a high per-key limit, so the polling below measures revocation, not rate limiting.
    const settings = { KEY_CACHE_TTL_MS: '30000', KEY_RATE_LIMIT_PER_MINUTE: '100000', KEY_RATE_LIMIT_PER_HOUR: '100000', KEY_RATE_LIMIT_PER_DAY: '100000' };
    [first, second] = await Promise.all([startGateway(settings), startGateway(settings)]);
  });

  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
  });

  it('refuses a key on every replica within a second of its revocation on one', async () => {
    const callFirst = client(first.url);
    const callSecond = client(second.url);
    const tenantId = uniqueTenantId();
    await callFirst('POST', '/api/v1/admin/tenants', { key: ADMIN_KEY, body: { id: tenantId, name: 't' } });
    const { id, plainKey } = (await callFirst('POST', '/api/v1/api-keys', { key: ADMIN_KEY, body: { name: 'k', tenantId } })).body.data;
    expect((await callSecond('GET', '/api/v1/system/whoami', { key: plainKey })).status).toBe(200);

    await callFirst('POST', '/api/v1/api-keys/revoke', { key: ADMIN_KEY, body: { keyId: id, tenantId } });
    const revokedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < 3000) {
      status = (await callSecond('GET', '/api/v1/system/whoami', { key: plainKey })).status;
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
  });
});

describe('gateway without Redis', () => {
  let redis: ChildProcess;
  let gateway: RunningGateway;
  const port = 16399;

  beforeAll(async () => {
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await migrateGateway();
    gateway = await startGateway({ REDIS_URL: `redis://127.0.0.1:${port}` });
  });

  afterAll(async () => {
    await gateway.close();
    redis.kill('SIGKILL');
  });

  it('keeps serving and limiting from memory while Redis is unreachable', async () => {
    const call = client(gateway.url);
    const tenantId = uniqueTenantId();
    await call('POST', '/api/v1/admin/tenants', { key: ADMIN_KEY, body: { id: tenantId, name: 't', limits: { requestsPerMonth: 2 } } });
    const { plainKey } = (await call('POST', '/api/v1/api-keys', { key: ADMIN_KEY, body: { name: 'k', tenantId } })).body.data;

    redis.kill('SIGKILL');
    await new Promise((resolve) => redis.once('exit', resolve));

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('GET', '/api/v1/system/whoami', { key: plainKey })).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(gateway.logs.some((line) => String(line.msg).startsWith('redis unreachable'))).toBe(true);
  });
});

// Once, after every block: the blocks share this file's namespace, and a topic deleted and created
// again at once leaves Kafka answering "not the leader" for its partitions for a while, so a
// later block's consumers would miss what came meanwhile (a revocation, say).
afterAll(dropTestTopics);
