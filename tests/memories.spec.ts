import { MemoryCommands } from '@hb/contracts';
import { CommandClient, JsonLogger, KafkaBus } from '@hb/platform';
import { aTenantWithKey, dropKafkaNamespace, gatewayClient, recordEvents, ScriptedAnthropic, testInfra, type EventRecorder } from '@hb/testing';
import { ServiceProcess, e2eSuite, migrate } from './support/processes';

describe('Memory API through the gateway (spec 003)', () => {
  const { namespace, adminKey, env } = e2eSuite('mem');
  const gateway = new ServiceProcess('gateway', 13100, env);
  const memory = new ServiceProcess('memory', 13103, env);
  // The model behind the decision chain's narrative.
  const model = new ScriptedAnthropic(() => ({ text: 'Churn led to a retention focus for Q4.' }));
  const events: Array<{ type: string; tenantId: string; payload: Record<string, unknown> }> = [];
  let reader: EventRecorder;

  const call = gatewayClient(gateway.url);

  const aTenant = (limits: object = {}) => aTenantWithKey(call, adminKey, limits);

  beforeAll(async () => {
    await migrate('gateway', env);
    await migrate('memory', env);
    await model.start();
    memory.start({ ANTHROPIC_BASE_URL: model.url, ANTHROPIC_MODEL: 'scripted-model' });
    await memory.waitForReadiness(200);
    gateway.start();
    await gateway.waitForReadiness(200);
    reader = await recordEvents(`${namespace}.memory.events.v1`, `${namespace}.test-reader`, events);
  });

  afterAll(async () => {
    await reader.stop();
    await Promise.all([gateway.stop(), memory.stop(), model.stop()]);
    await dropKafkaNamespace(namespace);
  });

  it('creates, retrieves, lists, updates and deletes a memory with the spec\'s example requests', async () => {
    const { tenantId, key } = await aTenant();
    const created = await call(
      'POST',
      '/api/v1/memories',
      key,
      `{
    "content": "Met with Sarah Chen about Q4 goals. Focus on revenue growth.",
    "type": "episodic",
    "importance": 0.8,
    "tags": ["meeting", "q4"],
    "metadata": {
      "source": "meeting",
      "contact_name": "Sarah Chen",
      "sentiment": "positive"
    },
    "tenantId": "${tenantId}"
  }`,
    );
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      success: true,
      data: {
        id: expect.stringMatching(/^mem_[A-Za-z0-9]+$/),
        content: 'Met with Sarah Chen about Q4 goals. Focus on revenue growth.',
        type: 'episodic',
        importance: 0.8,
        tags: ['meeting', 'q4'],
        metadata: { source: 'meeting', contact_name: 'Sarah Chen', sentiment: 'positive' },
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
      metadata: { request_id: expect.stringMatching(/^req_/), timestamp: expect.any(String), version: 'v1' },
    });
    const id = created.body.data.id;

    const fetched = await call('GET', `/api/v1/memories/${id}?tenantId=${tenantId}`, key);
    expect(fetched.body.data).toEqual(created.body.data);

    const listed = await call('GET', `/api/v1/memories?tenantId=${tenantId}&page=1&limit=20&type=episodic&sort=importance&order=desc`, key);
    expect(listed.body.data).toEqual({
      memories: [expect.objectContaining({ id, importance: 0.8 })],
      pagination: { page: 1, limit: 20, total: 1, pages: 1, hasNext: false, hasPrevious: false },
    });

    const updated = await call('PATCH', `/api/v1/memories/${id}`, key, { importance: 0.9, tags: ['meeting', 'q4', 'important'] });
    expect(updated.body.data).toMatchObject({ id, importance: 0.9, tags: ['meeting', 'q4', 'important'], content: created.body.data.content });

    expect((await call('DELETE', `/api/v1/memories/${id}?tenantId=${tenantId}`, key)).status).toBe(200);
    const gone = await call('GET', `/api/v1/memories/${id}?tenantId=${tenantId}`, key);
    expect(gone.status).toBe(404);
    expect(gone.body.errors[0].code).toBe('RESOURCE_NOT_FOUND');
  });

  it('pages, filters by tags and sorts', async () => {
    const { key } = await aTenant();
    for (const [i, tags] of [['a'], ['a', 'b'], ['b'], ['a', 'b']].entries()) {
      await call('POST', '/api/v1/memories', key, { content: `memory ${i}`, type: 'semantic', importance: i / 10, tags });
    }
    const page = await call('GET', '/api/v1/memories?tags=a,b&sort=importance&order=asc&limit=1&page=1', key);
    expect(page.body.data.memories.map((m: { content: string }) => m.content)).toEqual(['memory 1']);
    expect(page.body.data.pagination).toEqual({ page: 1, limit: 1, total: 2, pages: 2, hasNext: true, hasPrevious: false });
    const second = await call('GET', '/api/v1/memories?tags=a,b&sort=importance&order=asc&limit=1&page=2', key);
    expect(second.body.data.memories.map((m: { content: string }) => m.content)).toEqual(['memory 3']);
    expect(second.body.data.pagination).toMatchObject({ hasNext: false, hasPrevious: true });
  });

  it.each([
    ['content', { content: '', type: 'episodic' }],
    ['content', { content: 'x'.repeat(10_001), type: 'episodic' }],
    ['content', { type: 'episodic' }],
    ['type', { content: 'c', type: 'dream' }],
    ['type', { content: 'c' }],
    ['importance', { content: 'c', type: 'episodic', importance: 1.5 }],
    ['importance', { content: 'c', type: 'episodic', importance: 'high' }],
    ['tags', { content: 'c', type: 'episodic', tags: 'meeting' }],
    ['metadata', { content: 'c', type: 'episodic', metadata: 'x' }],
  ])('answers 400 VALIDATION_ERROR naming %s', async (field, body) => {
    const { key } = await aTenant();
    const res = await call('POST', '/api/v1/memories', key, body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', field });
  });

  it('never shows or changes a memory of another tenant', async () => {
    const owner = await aTenant();
    const other = await aTenant();
    const id = (await call('POST', '/api/v1/memories', owner.key, { content: 'secret plans', type: 'decision' })).body.data.id;
    for (const res of [
      await call('GET', `/api/v1/memories/${id}`, other.key),
      await call('PATCH', `/api/v1/memories/${id}`, other.key, { importance: 0.1 }),
      await call('DELETE', `/api/v1/memories/${id}`, other.key),
    ]) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('secret plans');
    }
    expect((await call('GET', '/api/v1/memories', other.key)).body.data.pagination.total).toBe(0);
    expect((await call('GET', `/api/v1/memories/${id}?tenantId=${owner.tenantId}`, other.key)).status).toBe(403);
  });

  it('answers 402 INSUFFICIENT_QUOTA past the plan\'s memory count or storage', async () => {
    const counted = await aTenant({ memories: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('POST', '/api/v1/memories', counted.key, { content: `m${i}`, type: 'task' })).status);
    expect(statuses).toEqual([201, 201, 402]);

    const stored = await aTenant({ storageBytes: 100 });
    const res = await call('POST', '/api/v1/memories', stored.key, { content: 'x'.repeat(101), type: 'task' });
    expect(res.status).toBe(402);
    expect(res.body.errors[0].code).toBe('INSUFFICIENT_QUOTA');
  });

  it('answers a retried create with the same Idempotency-Key with the first memory, even when both race in', async () => {
    const { key } = await aTenant({ memories: 3 });
    const create = async (idempotencyKey: string, content: string) => {
      const res = await fetch(`${gateway.url}/api/v1/memories`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify({ content, type: 'task' }),
      });
      return { status: res.status, body: (await res.json()) as { data: { id: string } } };
    };
    const [a, b] = await Promise.all([create('import-42', 'first attempt'), create('import-42', 'first attempt')]);
    const c = await create('import-42', 'first attempt');
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(new Set([a.body.data.id, b.body.data.id, c.body.data.id]).size).toBe(1);
    const listed = await call('GET', '/api/v1/memories', key);
    expect(listed.body.data.pagination.total).toBe(1);
    // The quota counted one memory: two more fit under the cap of three.
    expect((await create('another', 'second')).status).toBe(201);
    expect((await create('yet-another', 'third')).status).toBe(201);
    const bad = await create('has space', 'x');
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ code: 'VALIDATION_ERROR', field: 'Idempotency-Key' }] } });
  });

  describe('batch create (POST /api/v1/memories/batch)', () => {
    it('stores every valid memory, searchable at once, and answers one line per item naming the bad field', async () => {
      const { tenantId, key } = await aTenant();
      const res = await call('POST', '/api/v1/memories/batch', key, {
        memories: [
          { content: 'Priya adopted a rescue greyhound called Biscuit.', type: 'episodic', tags: ['pets'] },
          { content: '', type: 'episodic' },
          { content: 'The quarterly board meeting moved to Thursday.', type: 'nonsense' },
          'not an object',
          { content: 'Jonas learned to sail on the lake near Konstanz.', type: 'episodic', importance: 0.9 },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.success).toBe(true);
      const { created, failed, results } = res.body.data;
      expect({ created, failed }).toEqual({ created: 2, failed: 3 });
      expect(results.map((r: { index: number; status: string }) => [r.index, r.status])).toEqual([
        [0, 'created'],
        [1, 'failed'],
        [2, 'failed'],
        [3, 'failed'],
        [4, 'created'],
      ]);
      expect(results[1].error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'memories[1].content' });
      expect(results[2].error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'memories[2].type' });
      expect(results[3].error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'memories[3]' });
      expect(results[4].memory).toMatchObject({ content: 'Jonas learned to sail on the lake near Konstanz.', importance: 0.9 });

      const found = await call('POST', '/api/v1/memories/search', key, { query: 'Who got a new dog?', limit: 1 });
      expect(found.body.data.results[0].id).toBe(results[0].memory.id);
      const usage = await call('GET', `/api/v1/usage/metrics/${tenantId}`, key);
      expect(usage.body.data.memories.count).toBe(2);
    });

    it('refuses a batch that is empty, too long or not a list, naming memories', async () => {
      const { key } = await aTenant();
      for (const memories of [[], Array.from({ length: 101 }, (_, i) => ({ content: `m${i}`, type: 'task' })), 'x']) {
        const res = await call('POST', '/api/v1/memories/batch', key, { memories });
        expect(res.status).toBe(400);
        expect(res.body.errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', field: 'memories' });
      }
    });

    it('checks the quota once for the whole batch: one that would pass it stores nothing', async () => {
      const { key } = await aTenant({ memories: 3 });
      const four = Array.from({ length: 4 }, (_, i) => ({ content: `note ${i}`, type: 'task' }));
      const refused = await call('POST', '/api/v1/memories/batch', key, { memories: four });
      expect(refused.status).toBe(402);
      expect(refused.body.errors[0].code).toBe('INSUFFICIENT_QUOTA');
      expect((await call('GET', '/api/v1/memories', key)).body.data.pagination.total).toBe(0);
      const fits = await call('POST', '/api/v1/memories/batch', key, { memories: four.slice(0, 3) });
      expect(fits.body.data.created).toBe(3);
    });
  });

  it('reports memory count and storage in the usage metrics', async () => {
    const { tenantId, key } = await aTenant();
    await call('POST', '/api/v1/memories', key, { content: 'abc', type: 'task' });
    await call('POST', '/api/v1/memories', key, { content: 'defg', type: 'task', tags: ['t'] });
    const usage = await call('GET', `/api/v1/usage/metrics/${tenantId}`, key);
    expect(usage.body.data.memories).toEqual({ count: 2, limit: 1_000_000 });
    expect(usage.body.data.storage.used).toBe(3 + 2 + 4 + 1 + 2);
  });

  describe('search', () => {
    let tenant: { tenantId: string; key: string };

    beforeAll(async () => {
      tenant = await aTenant();
      for (const [content, type] of [
        ['Customer prefers email communication over Slack', 'semantic'],
        ['The zygomorphic orchid in the lobby bloomed on Tuesday', 'episodic'],
        ['Quarterly revenue grew twelve percent after the pricing change', 'event'],
        ['Deploys happen on Thursdays after the standup', 'procedural'],
        ['Decided to move the data warehouse to the new region', 'decision'],
      ]) {
        expect((await call('POST', '/api/v1/memories', tenant.key, { content, type })).status).toBe(201);
      }
    });

    it('answers the spec\'s example request in its shape', async () => {
      const res = await call('POST', '/api/v1/memories/search', tenant.key, {
        query: 'Q4 planning meetings',
        tenantId: tenant.tenantId,
        limit: 10,
        minRelevance: 0,
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ results: expect.any(Array), query: 'Q4 planning meetings', latency: expect.any(Number) });
      expect(res.body.data.results[0]).toEqual({
        id: expect.stringMatching(/^mem_/),
        content: expect.any(String),
        type: expect.any(String),
        relevance: expect.any(Number),
        importance: 0.5,
        tags: [],
        metadata: {},
        createdAt: expect.any(String),
      });
    });

    it('finds a paraphrase that shares no word with the memory', async () => {
      const res = await call('POST', '/api/v1/memories/search', tenant.key, { query: 'client likes e-mail contact', limit: 3 });
      expect(res.body.data.results[0].content).toBe('Customer prefers email communication over Slack');
      expect(res.body.data.results[0].relevance).toBeGreaterThanOrEqual(0.7);
    });

    it('finds an exact rare word', async () => {
      const res = await call('POST', '/api/v1/memories/search', tenant.key, { query: 'zygomorphic', limit: 3 });
      expect(res.body.data.results[0]).toMatchObject({ content: expect.stringContaining('zygomorphic'), relevance: 1 });
    });

    it('drops results under minRelevance', async () => {
      const res = await call('POST', '/api/v1/memories/search', tenant.key, { query: 'zygomorphic', minRelevance: 0.9 });
      expect(res.body.data.results.map((r: { content: string }) => r.content)).toEqual([
        'The zygomorphic orchid in the lobby bloomed on Tuesday',
      ]);
    });

    it('filters by type', async () => {
      const res = await call('POST', '/api/v1/memories/search', tenant.key, { query: 'warehouse region decision', type: 'decision' });
      expect(res.body.data.results.map((r: { type: string }) => r.type)).toEqual(['decision']);
    });

    it('never returns another tenant\'s memories', async () => {
      const other = await aTenant();
      const res = await call('POST', '/api/v1/memories/search', other.key, { query: 'zygomorphic orchid' });
      expect(res.body.data.results).toEqual([]);
    });

    it.each([
      ['query', {}],
      ['query', { query: '' }],
      ['limit', { query: 'x', limit: 101 }],
      ['minRelevance', { query: 'x', minRelevance: 2 }],
      ['type', { query: 'x', type: 'dream' }],
    ])('answers 400 naming %s', async (field, body) => {
      const res = await call('POST', '/api/v1/memories/search', tenant.key, body);
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', field });
    });
  });

  describe("an agent's memory (spec 000)", () => {
    // Agents store memories through the memory service's command topic (the agent runtime's remember
    // tool); this client stands where the agent runtime will.
    let bus: KafkaBus;
    let runtime: CommandClient;

    beforeAll(async () => {
      const logger = new JsonLogger('agent-runtime', 'e2e', 'error', { write: () => true });
      bus = new KafkaBus({ brokers: testInfra.KAFKA_BROKERS.split(','), service: 'gateway', instanceId: `e2e-${namespace}`, namespace, logger });
      await bus.connect();
      runtime = new CommandClient(bus, logger, 5000);
      await runtime.start();
    });

    afterAll(async () => {
      await runtime.stop();
      await bus.disconnect();
    });

    it('lists, searches and deletes one agent\'s memories and no one else\'s', async () => {
      const { tenantId } = await aTenant();
      const remember = (agentId: string, content: string) =>
        runtime.request(MemoryCommands.Create, {
          tenantId,
          agentId,
          content,
          type: 'semantic',
          metadata: { confidence: 0.92, source_conversation: 'conv_xyz789' },
          quota: { memories: null, storageBytes: null },
        });
      const mine = await remember('agent_a', 'Customer prefers email communication over Slack');
      await remember('agent_a', 'The customer is based in Lisbon');
      await remember('agent_b', 'Customer prefers phone calls');

      const listed = await call('GET', `/api/v1/agents/agent_a/memory?tenantId=${tenantId}`, adminKey);
      expect(listed.status).toBe(200);
      expect(listed.body.total).toBe(2);
      expect(listed.body.data.map((m: { content: string }) => m.content)).toEqual([
        'The customer is based in Lisbon',
        'Customer prefers email communication over Slack',
      ]);

      // The spec's example request.
      const searched = await call('GET', `/api/v1/agents/agent_a/memory?type=semantic&query=customer+preferences&limit=5&tenantId=${tenantId}`, adminKey);
      expect(searched.body.data[0]).toEqual({
        id: mine.id,
        type: 'semantic',
        content: 'Customer prefers email communication over Slack',
        confidence: 0.92,
        source_conversation: 'conv_xyz789',
        created_at: mine.createdAt,
      });
      expect(searched.body.data.map((m: { content: string }) => m.content)).not.toContain('Customer prefers phone calls');

      expect((await call('DELETE', `/api/v1/agents/agent_b/memory/${mine.id}?tenantId=${tenantId}`, adminKey)).status).toBe(404);
      expect((await call('DELETE', `/api/v1/agents/agent_a/memory/${mine.id}?tenantId=${tenantId}`, adminKey)).status).toBe(204);
      expect((await call('GET', `/api/v1/agents/agent_a/memory?tenantId=${tenantId}`, adminKey)).body.total).toBe(1);
    });
  });

  describe('decision chain (spec 003 intelligence)', () => {
    it('answers the spec\'s example request with the topic\'s memories in time order, linked, decisions marked', async () => {
      const { tenantId, key } = await aTenant();
      const ids: string[] = [];
      for (const [content, type] of [
        ['Kicked off Q4 strategy planning with the leadership team', 'episodic'],
        ['The Q4 strategy draft focuses on revenue growth in Europe', 'semantic'],
        ['Decided the Q4 strategy will prioritise enterprise customers', 'decision'],
        ['The office plants need watering on Fridays', 'task'],
      ]) {
        ids.push((await call('POST', '/api/v1/memories', key, { content, type, tags: type === 'task' ? [] : ['q4'] })).body.data.id);
      }
      const today = new Date().toISOString().slice(0, 10);
      const res = await call(
        'POST',
        '/api/v1/intelligence/decision-chain',
        key,
        `{
    "topic": "Q4 strategy",
    "tenantId": "${tenantId}",
    "timeRange": {
      "from": "2025-10-01T00:00:00Z",
      "to": "${today}T23:59:59Z"
    }
  }`,
      );
      expect(res.status).toBe(200);
      const { steps } = res.body.data;
      expect(steps.map((s: { id: string }) => s.id)).toEqual(ids.slice(0, 3));
      expect(steps[0]).toMatchObject({ ledFrom: null, isDecision: false });
      expect(steps[2]).toMatchObject({ isDecision: true, ledFrom: expect.stringMatching(new RegExp(`^(${ids[0]}|${ids[1]})$`)) });
      expect(steps[2].linkReasons).toContain('shared tags: q4');
      expect(res.body.data).toMatchObject({ topic: 'Q4 strategy', decisions: 1, timeRange: { from: '2025-10-01T00:00:00Z' } });
      expect(res.body.data.narrative).toBe('Churn led to a retention focus for Q4.');
      expect(String(model.requests.at(-1)?.body.messages[0].content)).toContain(steps[2].content);

      const before = await call('POST', '/api/v1/intelligence/decision-chain', key, { topic: 'Q4 strategy', timeRange: { to: '2025-01-01T00:00:00Z' } });
      expect(before.body.data).toMatchObject({ steps: [], narrative: null });
    });

    it.each([
      ['topic', {}],
      ['timeRange.from', { topic: 'x', timeRange: { from: 'last week' } }],
      ['timeRange.from', { topic: 'x', timeRange: { from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z' } }],
    ])('answers 400 naming %s', async (field, body) => {
      const { key } = await aTenant();
      const res = await call('POST', '/api/v1/intelligence/decision-chain', key, body);
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', field });
    });
  });

  describe('implicit patterns (spec 003 intelligence)', () => {
    it('finds the themes and tag combinations the test planted, deterministically', async () => {
      const { tenantId, key } = await aTenant();
      const espresso = [
        'The espresso machine in the kitchen needs descaling',
        'Descaled the kitchen espresso machine this morning',
        'The kitchen espresso machine is leaking water again',
        'Ordered a new filter for the kitchen espresso machine',
      ];
      const ids: string[] = [];
      for (const content of espresso) ids.push((await call('POST', '/api/v1/memories', key, { content, type: 'event' })).body.data.id);
      for (const content of ['Quarterly taxes were filed with the accountant', 'The marketing site gets a new hero image']) {
        await call('POST', '/api/v1/memories', key, { content, type: 'task', tags: ['billing', 'urgent'] });
      }
      await call('POST', '/api/v1/memories', key, { content: 'Invoice 1042 is overdue', type: 'task', tags: ['urgent', 'billing', 'q4'] });

      const res = await call('POST', '/api/v1/intelligence/implicit-patterns', key, { tenantId, minOccurrences: 3 });
      expect(res.status).toBe(200);
      expect(res.body.data.analyzed).toBe(7);
      expect(res.body.data.themes).toEqual([{ label: expect.stringContaining('espresso'), occurrences: 4, memoryIds: ids }]);
      expect(res.body.data.tagCombinations).toEqual([{ tags: ['billing', 'urgent'], occurrences: 3, memoryIds: expect.any(Array) }]);

      const again = await call('POST', '/api/v1/intelligence/implicit-patterns', key, { tenantId, minOccurrences: 3 });
      expect(again.body.data).toEqual(res.body.data);

      const stricter = await call('POST', '/api/v1/intelligence/implicit-patterns', key, { minOccurrences: 5 });
      expect(stricter.body.data.themes).toEqual([]);
      expect(stricter.body.data.tagCombinations).toEqual([]);
    });

    it('sees only the tenant\'s own memories and names a bad minOccurrences', async () => {
      const { key } = await aTenant();
      expect((await call('POST', '/api/v1/intelligence/implicit-patterns', key, {})).body.data.analyzed).toBe(0);
      const bad = await call('POST', '/api/v1/intelligence/implicit-patterns', key, { minOccurrences: 1 });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', field: 'minOccurrences' });
    });
  });

  it('refuses metadata over 64 KiB, naming the field', async () => {
    const { key } = await aTenant();
    const res = await call('POST', '/api/v1/memories', key, { content: 'c', type: 'task', metadata: { blob: 'x'.repeat(70_000) } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', field: 'metadata' });
  });

  it('publishes memory.created, memory.updated and memory.deleted through the outbox', async () => {
    const { tenantId, key } = await aTenant();
    const id = (await call('POST', '/api/v1/memories', key, { content: 'evented', type: 'event' })).body.data.id;
    await call('PATCH', `/api/v1/memories/${id}`, key, { importance: 1 });
    await call('DELETE', `/api/v1/memories/${id}`, key);
    const deadline = Date.now() + 15_000;
    const mine = () => events.filter((e) => e.payload.id === id).map((e) => e.type);
    while (mine().length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(mine()).toEqual(['memory.created', 'memory.updated', 'memory.deleted']);
    expect(events.some((e) => e.type === 'search.performed')).toBe(true);
    expect(events.find((e) => e.payload.id === id)).toMatchObject({ tenantId, payload: { content: 'evented', type: 'event', tenantId } });
  });
});
