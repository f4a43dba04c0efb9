import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  HeroBrain,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  verifyWebhook,
  WebhookVerificationError,
  type RunEvent,
} from '@hb/sdk';
import { dropKafkaNamespace, ScriptedAnthropic, startHttpEndpoint, type HttpEndpoint, type ScriptedRequest, type ScriptedTurn } from '@hb/testing';
import { OpenApiConformance, openApiDocumentOf } from './support/openapi-conformance';
import { ROOT, e2eSuite, fiveServices, migrate } from './support/processes';
import { until } from './support/until';

const run = promisify(execFile);

/** The model: memory extraction finds nothing; anything else is echoed. */
function script(request: ScriptedRequest): ScriptedTurn {
  if (request.body.system?.toString().includes('extract')) return { text: '[]' };
  const last = request.body.messages.at(-1)!;
  const text = typeof last.content === 'string' ? last.content : last.content.map((part) => ('text' in part ? part.text : '')).join(' ');
  return { text: `You said: ${text}` };
}

interface Delivery {
  path: string;
  body: string;
  headers: Record<string, string>;
}

describe('the client libraries against the gateway', () => {
  const { namespace, adminKey, env } = e2eSuite('sdk');
  const model = new ScriptedAnthropic(script);
  const { gateway, runtime, scheduler, memory, dispatcher } = fiveServices(env, 13900);
  const services = [gateway, runtime, scheduler, memory, dispatcher];
  const deliveries: Delivery[] = [];
  let receiver: HttpEndpoint;
  let conformance: OpenApiConformance;
  let admin: HeroBrain;

  /** A client as a user makes one, its every answer checked against the OpenAPI document. */
  const client = (apiKey: string, tenantId?: string, options: { maxRetries?: number } = {}) =>
    new HeroBrain({ apiKey, tenantId, baseUrl: gateway.url, fetch: conformance.fetch, ...options });

  /** A tenant on the enterprise plan (heartbeats allowed) and a client with a key holding every tenant scope. */
  async function aTenant(): Promise<{ tenantId: string; key: string; hb: HeroBrain }> {
    const tenantId = `sdk_${randomBytes(4).toString('hex')}`;
    await admin.tenants.create({ id: tenantId, name: 'sdk', plan: 'enterprise' });
    const key = (await admin.apiKeys.create({ name: 'sdk', tenantId })).plainKey;
    return { tenantId, key, hb: client(key, tenantId) };
  }

  beforeAll(async () => {
    for (const app of ['gateway', 'memory', 'agent-runtime', 'heartbeat-scheduler', 'webhook-dispatcher'] as const) await migrate(app, env);
    await model.start();
    receiver = await startHttpEndpoint((req, body, res) => {
      deliveries.push({ path: req.url ?? '', body, headers: req.headers as Record<string, string> });
      res.writeHead(200).end('ok');
    });
    const modelEnv = { ANTHROPIC_BASE_URL: model.url, ANTHROPIC_MODEL: 'scripted-model', AUTO_MEMORY: 'false' };
    memory.start();
    runtime.start(modelEnv);
    scheduler.start();
    dispatcher.start({ WEBHOOK_ALLOWED_HOSTS: 'localhost', WEBHOOK_RETRY_SCHEDULE: '0,0.3,0.3', WEBHOOK_TIMEOUT_MS: '2000' });
    await Promise.all([memory, runtime, scheduler, dispatcher].map((service) => service.waitForReadiness(200)));
    gateway.start({ WEBHOOK_ALLOWED_HOSTS: 'localhost' });
    await gateway.waitForReadiness(200);
    conformance = new OpenApiConformance(await openApiDocumentOf(gateway.url));
    admin = client(adminKey);
  });

  afterAll(async () => {
    await Promise.all([...services.map((service) => service.stop()), model.stop(), receiver?.close()]);
    await dropKafkaNamespace(namespace);
  });

  afterEach(() => {
    // Every answer the test received matched the schema the document gives it.
    expect(conformance.violations.splice(0)).toEqual([]);
  });

  describe('types', () => {
    /** The SDK's generator in its check mode: it renders the document and compares with the committed types. */
    const check = (source: string) =>
      run(process.execPath, [join(ROOT, 'packages/sdk/scripts/generate-types.js'), '--check', source]).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );

    it('are the ones the running gateway documents: the committed types equal those generated from /openapi.json', async () => {
      // On a difference: ./hb up, then pnpm --filter @hb/sdk generate, and commit the result.
      expect(await check(`${gateway.url}/openapi.json`)).toEqual({ code: 0, stderr: '' });
    });

    it('and the check fails when the document changes', async () => {
      const document = await openApiDocumentOf(gateway.url);
      document.components.schemas.Memory.properties.mood = { type: 'string' };
      const file = join(mkdtempSync(join(tmpdir(), 'sdk-types-')), 'openapi.json');
      writeFileSync(file, JSON.stringify(document));
      expect(await check(file)).toEqual({ code: 1, stderr: expect.stringContaining('mood') });
    });
  });

  describe('memories, as the Memory API reference shows them', () => {
    it('creates, reads, changes, searches and deletes, with the tenant filled in from the client', async () => {
      const { hb } = await aTenant();
      const created = await hb.memories.create({ content: 'Met with Sarah about Q4 goals', type: 'episodic', importance: 0.8, tags: ['q4'] });
      expect(created).toMatchObject({ id: expect.stringMatching(/^mem_/), content: 'Met with Sarah about Q4 goals', type: 'episodic', importance: 0.8, tags: ['q4'] });
      expect(await hb.memories.get(created.id)).toEqual(created);

      const changed = await hb.memories.update(created.id, { importance: 0.3, tags: ['q4', 'sarah'] });
      expect(changed).toMatchObject({ id: created.id, importance: 0.3, tags: ['q4', 'sarah'] });

      const results = await hb.memories.search({ query: 'Q4 planning with Sarah', limit: 10 });
      expect(results.query).toBe('Q4 planning with Sarah');
      expect(results.results[0]).toMatchObject({ id: created.id, relevance: expect.any(Number) });

      expect(await hb.memories.delete(created.id)).toEqual({ id: created.id, deleted: true });
      const gone = await hb.memories.get(created.id).catch((error: unknown) => error);
      expect(gone).toBeInstanceOf(NotFoundError);
      expect(gone).toMatchObject({ status: 404, code: 'RESOURCE_NOT_FOUND', requestId: expect.stringMatching(/^req_/) });
    });

    it('lists one page when awaited, and every memory of every page when iterated', async () => {
      const { hb } = await aTenant();
      const batch = await hb.memories.createBatch(Array.from({ length: 7 }, (_, i) => ({ content: `note number ${i}`, type: 'semantic' as const })));
      expect(batch).toMatchObject({ created: 7, failed: 0 });

      const first = await hb.memories.list({ limit: 3 });
      expect(first.memories).toHaveLength(3);
      expect(first.pagination).toMatchObject({ page: 1, limit: 3, total: 7, hasNext: true });

      const all = await hb.memories.list({ limit: 3 }).toArray();
      expect(all).toHaveLength(7);
      expect(new Set(all.map((item) => item.content))).toEqual(new Set(Array.from({ length: 7 }, (_, i) => `note number ${i}`)));
    });

    it('answers a batch line by line, a bad item failing alone with the field it names', async () => {
      const { hb } = await aTenant();
      const batch = await hb.memories.createBatch([
        { content: 'fine', type: 'semantic' },
        { content: 'not a type', type: 'nope' as never },
      ]);
      expect(batch.created).toBe(1);
      expect(batch.results[1]).toMatchObject({ index: 1, status: 'failed', error: { code: 'VALIDATION_ERROR', field: 'memories[1].type' } });
    });

    it('makes a create safe to retry: the same idempotency key answers the memory the first call stored', async () => {
      const { hb } = await aTenant();
      const first = await hb.memories.create({ content: 'stored once', type: 'semantic' }, { idempotencyKey: 'create-1' });
      const again = await hb.memories.create({ content: 'stored once', type: 'semantic' }, { idempotencyKey: 'create-1' });
      expect(again.id).toBe(first.id);
      expect((await hb.memories.list()).pagination.total).toBe(1);
    });
  });

  describe('errors', () => {
    it('carry the face’s code, the field, the status and the request id', async () => {
      const { hb } = await aTenant();
      const error = await hb.memories.create({ content: 'x', type: 'nope' as never }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BadRequestError);
      expect(error).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', field: 'type', requestId: expect.stringMatching(/^req_/) });

      // The Agent API's face, {error: {...}}, is read the same way.
      const agentError = await hb.agents.get('agt_missing').catch((caught: unknown) => caught);
      expect(agentError).toBeInstanceOf(NotFoundError);
      expect(agentError).toMatchObject({ status: 404, code: 'RESOURCE_NOT_FOUND', requestId: expect.stringMatching(/^req_/) });
    });

    it('tell a bad key from a key without the scope', async () => {
      await expect(client('hb_prod_not_a_key').memories.list()).rejects.toBeInstanceOf(AuthenticationError);
      const { tenantId } = await aTenant();
      const readOnly = (await admin.apiKeys.create({ name: 'read', tenantId, scopes: ['read:memories'] })).plainKey;
      await expect(client(readOnly, tenantId).memories.create({ content: 'no', type: 'semantic' })).rejects.toMatchObject({
        constructor: PermissionDeniedError,
        status: 403,
        code: 'INSUFFICIENT_SCOPE',
      });
    });
  });

  describe('retries, timeouts and cancellation (against a scripted endpoint)', () => {
    /** An endpoint answering each request with the next scripted status (200 with `{data: …}` once they run out). */
    async function scripted(statuses: Array<{ status: number; headers?: Record<string, string> }>) {
      const seen: Array<{ method: string; idempotencyKey?: string }> = [];
      const endpoint = await startHttpEndpoint((req, _body, res) => {
        seen.push({ method: req.method!, idempotencyKey: req.headers['idempotency-key'] as string | undefined });
        const next = statuses.shift() ?? { status: 200 };
        const body = next.status === 200 ? { success: true, data: { id: 'mem_1' } } : { success: false, errors: [{ code: 'SERVICE_UNAVAILABLE', message: 'try again' }] };
        res.writeHead(next.status, { 'Content-Type': 'application/json', ...next.headers }).end(JSON.stringify(body));
      });
      const hb = new HeroBrain({ apiKey: 'hb_prod_x', tenantId: 't', baseUrl: endpoint.url });
      return { hb, seen, close: () => endpoint.close() };
    }

    it('retries a read after 503 and 504, and anything after 429 honouring Retry-After', async () => {
      const read = await scripted([{ status: 503 }, { status: 504 }]);
      await expect(read.hb.memories.get('mem_1')).resolves.toEqual({ id: 'mem_1' });
      expect(read.seen).toHaveLength(3);
      await read.close();

      const limited = await scripted([{ status: 429, headers: { 'Retry-After': '1' } }]);
      const started = Date.now();
      await expect(limited.hb.apiKeys.revoke('key_1')).resolves.toEqual({ id: 'mem_1' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(limited.seen.map((request) => request.method)).toEqual(['POST', 'POST']);
      await limited.close();
    });

    it('does not repeat a write that is not safe to repeat, and repeats a create under the same idempotency key', async () => {
      const write = await scripted([{ status: 503 }, { status: 503 }]);
      await expect(write.hb.apiKeys.revoke('key_1')).rejects.toBeInstanceOf(InternalServerError);
      // A key of the caller's does not make a route that ignores it safe to repeat.
      await expect(write.hb.apiKeys.revoke('key_1', { idempotencyKey: 'mine' })).rejects.toBeInstanceOf(InternalServerError);
      expect(write.seen).toHaveLength(2);
      await write.close();

      // A 503 asking for an hour is the caller's to wait out, even for a read.
      const later = await scripted([{ status: 503, headers: { 'Retry-After': '3600' } }]);
      await expect(later.hb.memories.get('mem_1')).rejects.toMatchObject({ status: 503 });
      expect(later.seen).toHaveLength(1);
      await later.close();

      const create = await scripted([{ status: 503 }, { status: 504 }]);
      await expect(create.hb.memories.create({ content: 'x', type: 'semantic' })).resolves.toEqual({ id: 'mem_1' });
      expect(create.seen).toHaveLength(3);
      expect(new Set(create.seen.map((request) => request.idempotencyKey)).size).toBe(1);
      expect(create.seen[0]!.idempotencyKey).toMatch(/^sdk_/);
      await create.close();
    });

    it('gives up after maxRetries, and leaves a long Retry-After (a quota) to the caller', async () => {
      const down = await scripted([{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }]);
      await expect(down.hb.memories.get('mem_1', { maxRetries: 1 })).rejects.toMatchObject({ status: 503 });
      expect(down.seen).toHaveLength(2);
      await down.close();

      const quota = await scripted([{ status: 429, headers: { 'Retry-After': '3600' } }]);
      const error = await quota.hb.memories.get('mem_1').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
      expect(quota.seen).toHaveLength(1);
      await quota.close();
    });

    it('ends a call at its timeout, or when its signal aborts', async () => {
      const silent = await startHttpEndpoint(() => undefined);
      const hb = new HeroBrain({ apiKey: 'hb_prod_x', tenantId: 't', baseUrl: silent.url, maxRetries: 0 });
      await expect(hb.memories.get('mem_1', { timeoutMs: 200 })).rejects.toBeInstanceOf(APITimeoutError);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      await expect(hb.memories.get('mem_1', { signal: controller.signal, timeoutMs: 10_000 })).rejects.toBeInstanceOf(APIUserAbortError);
      silent.server.closeAllConnections();
      await silent.close();
    });
  });

  describe('keys, usage and intelligence', () => {
    it('creates, lists and revokes keys; a revoked key is refused', async () => {
      const { hb } = await aTenant();
      const key = await hb.apiKeys.create({ name: 'Production API Key', environment: 'production', scopes: ['read:memories'] });
      expect(key.plainKey).toMatch(/^hb_prod_/);
      expect((await hb.apiKeys.list()).map((listed) => listed.id)).toContain(key.id);
      expect(await hb.apiKeys.revoke(key.id)).toMatchObject({ id: key.id, status: 'revoked' });
      await expect(client(key.plainKey, hb.tenantId).memories.list()).rejects.toBeInstanceOf(AuthenticationError);
    });

    it('reads usage and runs the intelligence analyses', async () => {
      const { hb } = await aTenant();
      await hb.memories.createBatch([
        { content: 'We decided to move the launch to March because QA needs time', type: 'decision' },
        { content: 'QA found blockers in the launch build', type: 'episodic' },
      ]);
      expect(await hb.usage.metrics()).toMatchObject({ memories: { count: 2 }, apiCalls: { today: expect.any(Number) } });
      const chain = await hb.intelligence.decisionChain({ topic: 'launch' });
      expect(chain.steps.length).toBeGreaterThan(0);
      expect(await hb.intelligence.implicitPatterns({ minOccurrences: 2 })).toMatchObject({ analyzed: 2 });
    });
  });

  describe('webhooks', () => {
    it('delivers a signed event that verifyWebhook accepts, and refuses it tampered, late or under another secret', async () => {
      const { hb } = await aTenant();
      const secret = `whsec_${Buffer.from(randomBytes(24)).toString('base64')}`;
      const hook = await hb.webhooks.create({ name: 'Memory Sync', url: `http://localhost:${receiver.port}/sdk-${hb.tenantId}`, events: ['memory.created'], secret });
      expect((await hb.webhooks.list()).map((listed) => listed.id)).toEqual([hook.id]);
      const stored = await hb.memories.create({ content: 'a memory to announce', type: 'semantic' });

      const delivery = await until('the delivery at the receiver', () => deliveries.find((candidate) => candidate.path === `/sdk-${hb.tenantId}`));
      const payload = await verifyWebhook<{ event: string; data: { id: string } }>(delivery.body, delivery.headers, secret);
      expect(payload).toMatchObject({ event: 'memory.created', data: { id: stored.id } });
      await expect(verifyWebhook(delivery.body.replace(stored.id, 'mem_forged'), delivery.headers, secret)).rejects.toBeInstanceOf(WebhookVerificationError);
      await expect(verifyWebhook(delivery.body, delivery.headers, 'another secret')).rejects.toBeInstanceOf(WebhookVerificationError);
      const late = new Date((Number(delivery.headers['webhook-timestamp']) + 600) * 1000);
      await expect(verifyWebhook(delivery.body, delivery.headers, secret, { now: late })).rejects.toThrow('too far');

      const listed = await until('the delivery listed as delivered', async () => (await hb.webhooks.deliveries(hook.id).toArray()).find((item) => item.status === 'delivered'));
      expect(listed).toMatchObject({ id: delivery.headers['webhook-id'], event: 'memory.created' });
      const resent = await hb.webhooks.resend(hook.id, listed.id);
      expect(resent).toMatchObject({ event: 'memory.created' });
      expect(await hb.webhooks.test(hook.id)).toMatchObject({ delivered: true, statusCode: 200 });
      expect(await hb.webhooks.delete(hook.id)).toEqual({ id: hook.id });
    });
  });

  describe('agents', () => {
    it('creates an agent and a key for it, and invokes it waiting, in the background and streamed', async () => {
      const { hb, tenantId } = await aTenant();
      const agent = await hb.agents.create({ name: 'Helper', instructions: 'Be brief.' });
      expect((await hb.agents.list().toArray()).map((listed) => listed.id)).toEqual([agent.id]);
      const agentKey = await hb.agents.keys.create(agent.id, { name: 'integration' });
      expect(agentKey.plainKey).toMatch(/^hb_agent_/);
      const asAgent = client(agentKey.plainKey, tenantId);

      const run = await asAgent.agents.invoke(agent.id, { message: 'Hello agent!' });
      expect(run).toMatchObject({ status: 'completed', response: 'You said: Hello agent!', conversation_id: expect.any(String) });

      // Cancelling a conversation with nothing going answers its last run as it was.
      expect(await asAgent.agents.cancel(agent.id, run.conversation_id)).toMatchObject({ run_id: run.run_id, status: 'completed' });

      const pending = await asAgent.agents.invokeAsync(agent.id, { message: 'And again', conversation_id: run.conversation_id });
      expect(pending.status).toMatch(/pending|running/);
      const ended = await asAgent.agents.waitForRun(agent.id, pending.conversation_id, { runId: pending.run_id, pollIntervalMs: 100 });
      expect(ended).toMatchObject({ run_id: pending.run_id, status: 'completed', response: expect.stringContaining('And again') });

      const events: RunEvent[] = [];
      for await (const event of asAgent.agents.stream(agent.id, { message: 'Stream this' })) events.push(event);
      expect(events[0]).toMatchObject({ event: 'run', data: { run_id: expect.any(String) } });
      expect(events.at(-1)).toMatchObject({ event: 'done', data: { status: 'completed', response: 'You said: Stream this' } });
      const text = events.flatMap((event) => (event.event === 'delta' ? [event.data.text] : [])).join('');
      expect(text).toBe('You said: Stream this');

      const messages = await hb.agents.messages(agent.id, run.conversation_id, { limit: 1 }).toArray();
      expect(messages.map((message) => message.role)).toEqual(['assistant', 'user', 'assistant', 'user']);
      expect(await hb.agents.conversations(agent.id)).toMatchObject({ total: 2 });

      expect((await hb.agents.keys.list(agent.id)).map((key) => key.id)).toEqual([agentKey.id]);
      await hb.agents.keys.revoke(agent.id, agentKey.id);
      await expect(asAgent.agents.invoke(agent.id, { message: 'refused' })).rejects.toBeInstanceOf(AuthenticationError);
      await hb.agents.delete(agent.id);
      await expect(hb.agents.get(agent.id)).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('heartbeats (specs 001 and 002)', () => {
    it('configures, reads, pauses, triggers and deletes a bot’s heartbeat, and reads its logs and stats', async () => {
      const { hb } = await aTenant();
      const bot = await hb.bots.create({ name: 'Support bot', instructions: 'Be brief.' });
      expect(await hb.bots.update(bot.id, { heartbeat: true })).toMatchObject({ id: bot.id, heartbeat: true });
      const heartbeat = await hb.heartbeats.configure({
        bot_id: bot.id,
        prompt: 'Check for new support tickets',
        cron_pattern: '0 9 * * 1,2,3,4,5',
        timezone: 'America/New_York',
        credit_budget: 100,
        enabled: true,
      });
      expect(heartbeat).toMatchObject({ bot_id: bot.id, cron_pattern: '0 9 * * 1,2,3,4,5', enabled: 1 });
      const ref = { bot_id: bot.id, heartbeat_id: heartbeat.uuid };
      expect((await hb.heartbeats.readall(bot.id)).map((item) => item.uuid)).toEqual([heartbeat.uuid]);
      expect(await hb.heartbeats.disable(ref)).toMatchObject({ enabled: 0 });
      expect(await hb.heartbeats.enable(ref)).toMatchObject({ enabled: 1 });
      expect(await hb.heartbeats.read(ref)).toMatchObject({ uuid: heartbeat.uuid, enabled: 1 });

      const result = await hb.heartbeats.trigger(ref);
      expect(result).toMatchObject({ status: 'success', response: 'You said: Check for new support tickets' });
      const task = await hb.heartbeats.scheduleTask({ bot_id: bot.id, prompt: 'Later', run_at: new Date(Date.now() + 86_400_000).toISOString() });
      expect(task).toMatchObject({ type: 'scheduled_task', status: 'queued' });

      expect(await hb.heartbeats.trigger(ref)).toMatchObject({ status: 'success' });

      // Iterating walks the pages: two runs at one a page.
      const logs = await hb.heartbeats.logs(bot.id, { per_page: 1 }).toArray();
      expect(logs.map((log) => [log.type, log.status])).toEqual([['manual', 'success'], ['manual', 'success']]);
      expect(await hb.heartbeats.stats(bot.id)).toMatchObject({ total_executions: 2, success_count: 2 });
      expect(await hb.heartbeats.delete(ref)).toEqual({ deleted: true, uuid: heartbeat.uuid });
    });
  });

  describe('the rest of the surface', () => {
    it('manages tenants, skills, MCP servers and an agent’s memory, and reads who a key is', async () => {
      const { hb, tenantId } = await aTenant();
      expect(await admin.tenants.update(tenantId, { name: 'renamed' })).toMatchObject({ id: tenantId, name: 'renamed', plan: 'enterprise' });
      expect(await admin.tenants.get(tenantId)).toMatchObject({ name: 'renamed' });
      expect((await admin.tenants.list()).map((tenant) => tenant.id)).toContain(tenantId);
      expect(await hb.whoami()).toMatchObject({ kind: 'key', tenantId, agentId: null });

      const agent = await hb.agents.create({ name: 'Researcher' });
      expect(await hb.agents.update(agent.id, { instructions: 'Cite sources.' })).toMatchObject({ instructions: 'Cite sources.' });
      const skill = await hb.skills.create({ name: 'summarise', description: 'How to summarise', instructions: 'Three bullets.' });
      expect(await hb.skills.update(skill.id, { instructions: 'Two bullets.' })).toMatchObject({ instructions: 'Two bullets.' });
      expect(await hb.skills.get(skill.id)).toMatchObject({ name: 'summarise', instructions: 'Two bullets.' });
      expect((await hb.skills.list().toArray()).map((listed) => listed.id)).toEqual([skill.id]);
      expect((await hb.skills.attach(agent.id, skill.id)).skills).toEqual([{ id: skill.id, name: 'summarise', description: 'How to summarise' }]);
      expect((await hb.skills.detach(agent.id, skill.id)).skills).toEqual([]);
      await hb.skills.delete(skill.id);

      const server = await hb.agents.mcpServers.create(agent.id, { name: 'github', url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer secret' } });
      expect(server).toMatchObject({ name: 'github', header_names: ['Authorization'] });
      expect(await hb.agents.mcpServers.update(agent.id, server.id, { timeout_ms: 5000 })).toMatchObject({ timeout_ms: 5000 });
      expect(await hb.agents.mcpServers.get(agent.id, server.id)).toMatchObject({ id: server.id, timeout_ms: 5000 });
      expect(await hb.agents.mcpServers.list(agent.id)).toHaveLength(1);
      await hb.agents.mcpServers.delete(agent.id, server.id);

      const bot = await hb.bots.read(agent.id);
      expect(bot).toMatchObject({ id: agent.id, project_id: tenantId, name: 'Researcher' });
      expect(await hb.agents.memory(agent.id)).toEqual({ data: [], total: 0 });

      const hook = await hb.webhooks.create({ name: 'later', url: 'https://hooks.example.com/in', events: ['memory.deleted'], secret: 'shh' });
      expect(await hb.webhooks.update(hook.id, { status: 'inactive' })).toMatchObject({ status: 'inactive' });
      expect(await hb.webhooks.get(hook.id)).toMatchObject({ id: hook.id, status: 'inactive' });
      expect(await hb.webhooks.recover(hook.id, { since: new Date(Date.now() - 3_600_000).toISOString() })).toEqual({ recovered: 0 });

      // The operator's probes, outside the SDK, are documented as well.
      expect(await (await conformance.fetch(`${gateway.url}/api/v1/system/status`)).json()).toEqual({ success: true, data: { status: 'ok' }, metadata: expect.any(Object) });
      const ping = await conformance.fetch(`${gateway.url}/api/v1/system/ping/memory`, { headers: { Authorization: `Bearer ${adminKey}` } });
      expect(((await ping.json()) as { data: unknown }).data).toMatchObject({ service: 'memory' });
    });
  });

  describe('the schema check itself', () => {
    it('records an answer that does not match its operation’s schema', async () => {
      const endpoint = await startHttpEndpoint((_req, _body, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ success: true, data: { id: 1 }, metadata: {} }));
      });
      const strict = new OpenApiConformance(await openApiDocumentOf(gateway.url));
      await new HeroBrain({ apiKey: 'hb_prod_x', tenantId: 't', baseUrl: endpoint.url, fetch: strict.fetch }).memories.get('mem_1');
      await endpoint.close();
      expect(strict.violations).toEqual([expect.stringMatching(/^GET \/api\/v1\/memories\/\{id\} 200: .*must have required property 'content'/)]);
    });

    // Last of the suite: it reads what every test before it received.
    it('has checked an answer of every operation that answers JSON', async () => {
      const document = await openApiDocumentOf(gateway.url);
      const checked = new Set([...conformance.checked.keys()].map((name) => name.split(' ').slice(0, 2).join(' ')));
      const unchecked = Object.entries(document.paths as Record<string, Record<string, { responses: Record<string, { content?: object }> }>>)
        .flatMap(([template, item]) => Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${template}`, operation })))
        .filter(({ name, operation }) => !checked.has(name) && !/ \/(health|mcp)/.test(name) && Object.entries(operation.responses).some(([status, response]) => /^2/.test(status) && response.content))
        .map(({ name }) => name);
      expect(unchecked.sort()).toEqual([]);
    });
  });

  describe('the Python SDK', () => {
    it('passes its own tests against this gateway (python3 -m unittest, standard library only)', async () => {
      const result = await run('python3', ['-m', 'unittest', 'discover', '-s', 'tests', '-v'], {
        cwd: join(ROOT, 'sdks/python'),
        env: { ...process.env, HB_BASE_URL: gateway.url, HB_ADMIN_KEY: adminKey, HB_SCRIPTED_MODEL: 'echo', PYTHONDONTWRITEBYTECODE: '1' },
        timeout: 170_000,
      }).catch((error: { stdout?: string; stderr?: string; code?: number }) => error);
      const report = `${result.stderr ?? ''}`;
      const [, ran] = /Ran (\d+) tests?/.exec(report) ?? [];
      // unittest prints "OK" (perhaps with skips) or "FAILED (...)" as its last line.
      expect({ ok: /\nOK( \(skipped=\d+\))?\s*$/.test(report), report: report.slice(-4000) }).toEqual({ ok: true, report: expect.any(String) });
      expect(report).not.toMatch(/skipped=/);
      expect(Number(ran)).toBeGreaterThanOrEqual(20);
    });
  });
});
