import { randomBytes } from 'node:crypto';
import { dropKafkaNamespace, gatewayClient, recordEvents, ScriptedAnthropic, type EventRecorder, type ScriptedRequest, type ScriptedTurn } from '@hb/testing';
import { ServiceProcess, e2eSuite, migrate } from './support/processes';

/** A turn's text (its last text block: an unanswered message before it comes first), and the tool results it carries. */
function turnOf(message: ScriptedRequest['body']['messages'][number] | undefined): { text: string; toolResults: string[] } {
  if (!message) return { text: '', toolResults: [] };
  if (typeof message.content === 'string') return { text: message.content, toolResults: [] };
  const blocks = message.content as Array<{ type: string; text?: string; content?: string }>;
  return {
    text: blocks.flatMap((b) => (b.type === 'text' ? [b.text!] : [])).at(-1) ?? '',
    toolResults: blocks.flatMap((b) => (b.type === 'tool_result' ? [String(b.content)] : [])),
  };
}

const lastUserTurn = (request: ScriptedRequest) => turnOf(request.body.messages.at(-1));

/** The runtime's memory extraction after a run, told apart from run turns by its system prompt. */
function isExtraction(request: ScriptedRequest): boolean {
  return String(request.body.system ?? '').startsWith('You extract durable memories');
}

/**
 * The scripted model (extraction requests find a preference in "I prefer …" messages): "remember: X" and "recall: X" make it call the tool, then answer with what
 * the tool returned; "slow N" answers after N ms; "fail" is a 400; anything else is echoed with
 * 1,000 input and 250 output tokens.
 */
function script(request: ScriptedRequest): ScriptedTurn {
  const { text, toolResults } = lastUserTurn(request);
  if (isExtraction(request)) {
    const [, preference] = /^User: I prefer (.+?)\n/.exec(text) ?? [];
    return { text: JSON.stringify({ memories: preference ? [{ content: `The user prefers ${preference}`, type: 'semantic', confidence: 0.8 }] : [] }) };
  }
  // "research N X": remembers X, then takes N ms over the answer.
  const [, research] = /^research (\d+) /.exec(turnOf(request.body.messages.at(-3)).text) ?? [];
  if (toolResults.length && research) return { text: 'researched', delayMs: Number(research) };
  if (toolResults.length) return { text: `Tool said: ${toolResults.join(' | ')}` };
  const [, researchTopic] = /^research \d+ (.+)$/.exec(text) ?? [];
  if (researchTopic) return { toolUses: [{ name: 'remember', input: { content: researchTopic, type: 'semantic' } }] };
  const [, remember] = /^remember: (.+)$/.exec(text) ?? [];
  if (remember) return { toolUses: [{ name: 'remember', input: { content: remember, type: 'semantic', confidence: 0.92 } }] };
  const [, recall] = /^recall: (.+)$/.exec(text) ?? [];
  if (recall) return { toolUses: [{ name: 'recall', input: { query: recall } }] };
  const [, skill] = /^use skill: (.+)$/.exec(text) ?? [];
  if (skill) return { toolUses: [{ name: 'load_skill', input: { name: skill } }] };
  const [, slow] = /^slow (\d+)/.exec(text) ?? [];
  if (slow) return { text: `slow reply to ${text}`, delayMs: Number(slow) };
  if (text.startsWith('fail')) return { error: { status: 400, type: 'invalid_request_error', message: 'scripted refusal' } };
  return { text: `Hello! You said: ${text}`, usage: { input_tokens: 1000, output_tokens: 250 } };
}

describe('Agent API through the gateway (spec 000)', () => {
  const { namespace, adminKey, env } = e2eSuite('agt');
  const model = new ScriptedAnthropic(script);
  /** The model requests of runs, extraction requests left out. */
  const runRequests = () => model.requests.filter((request) => !isExtraction(request));
  const gateway = new ServiceProcess('gateway', 13200, env);
  const runtime = new ServiceProcess('agent-runtime', 13201, env);
  const memory = new ServiceProcess('memory', 13203, env);
  const events: Array<{ type: string; payload: Record<string, unknown> }> = [];
  let reader: EventRecorder;

  const call = gatewayClient(gateway.url);

  async function aTenantWithAgent(): Promise<{ tenantId: string; key: string; agentId: string; agentKey: string }> {
    const tenantId = `tenant_${randomBytes(4).toString('hex')}`;
    await call('POST', '/api/v1/admin/tenants', adminKey, { id: tenantId, name: 'e2e' });
    const key = (await call('POST', '/api/v1/api-keys', adminKey, { name: 'k', tenantId })).body.data.plainKey;
    const agent = await call('POST', '/api/v1/agents', key, { name: 'Helper', instructions: 'Be brief.' });
    const agentKey = (await call('POST', `/api/v1/agents/${agent.body.id}/api-keys`, key, { name: 'integration' })).body.plainKey;
    return { tenantId, key, agentId: agent.body.id, agentKey };
  }

  async function pollUntilDone(agentId: string, conversationId: string, key: string) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const res = await call('GET', `/api/v1/agents/${agentId}/invoke/${conversationId}/status`, key);
      if (['completed', 'failed'].includes(res.body.status) || Date.now() > deadline) return res;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    await Promise.all([migrate('gateway', env), migrate('memory', env), migrate('agent-runtime', env)]);
    await model.start();
    memory.start();
    runtime.start({ ANTHROPIC_BASE_URL: model.url, ANTHROPIC_MODEL: 'scripted-model', RUN_TIMEOUT_MS: '3000' });
    await Promise.all([memory.waitForReadiness(200), runtime.waitForReadiness(200)]);
    gateway.start();
    await gateway.waitForReadiness(200);
    reader = await recordEvents(`${namespace}.agent.events.v1`, `${namespace}.test-reader`, events);
  });

  afterAll(async () => {
    await reader.stop();
    await Promise.all([gateway.stop(), runtime.stop(), memory.stop(), model.stop()]);
    await dropKafkaNamespace(namespace);
  });

  describe('agents', () => {
    it('creates, reads, lists, changes and deletes an agent', async () => {
      const { key, agentId } = await aTenantWithAgent();
      const got = await call('GET', `/api/v1/agents/${agentId}`, key);
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ id: agentId, name: 'Helper', instructions: 'Be brief.', model: null, max_tokens: 4096, tools_enabled: true, heartbeat: false });
      const changed = await call('PATCH', `/api/v1/agents/${agentId}`, key, { heartbeat: true, max_tokens: 512 });
      expect(changed.body).toMatchObject({ heartbeat: true, max_tokens: 512, name: 'Helper' });
      const listed = await call('GET', '/api/v1/agents', key);
      expect(listed.body).toMatchObject({ total: 1, data: [{ id: agentId }] });
      expect((await call('DELETE', `/api/v1/agents/${agentId}`, key)).status).toBe(204);
      expect((await call('GET', `/api/v1/agents/${agentId}`, key)).status).toBe(404);
    });

    it('refuses a retired or deprecated model on create and change, naming model and the one to use', async () => {
      const { key, agentId } = await aTenantWithAgent();
      const retired = await call('PATCH', `/api/v1/agents/${agentId}`, key, { model: 'claude-sonnet-4-5' });
      expect(retired.status).toBe(400);
      expect(retired.body.error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'model' });
      expect(retired.body.error.message).toContain('claude-sonnet-4-5 was retired on November 30th, 2026; use claude-sonnet-5-5');
      // Deprecated by the installed SDK, working until its end of life: still not given to an agent.
      const deprecated = await call('POST', '/api/v1/agents', key, { name: 'Old', model: 'claude-opus-4-5' });
      expect(deprecated.status).toBe(400);
      expect(deprecated.body.error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'model' });
      const current = await call('PATCH', `/api/v1/agents/${agentId}`, key, { model: 'claude-sonnet-5-5' });
      expect(current.status).toBe(200);
      expect(current.body.model).toBe('claude-sonnet-5-5');
    });

    it.each([
      ['name', {}],
      ['name', { name: '' }],
      ['max_tokens', { name: 'x', max_tokens: 0 }],
      ['tools_enabled', { name: 'x', tools_enabled: 'yes' }],
    ])('answers 400 naming %s', async (field, body) => {
      const { key } = await aTenantWithAgent();
      const res = await call('POST', '/api/v1/agents', key, body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', field });
    });

    it("never shows another tenant's agent", async () => {
      const a = await aTenantWithAgent();
      const b = await aTenantWithAgent();
      expect((await call('GET', `/api/v1/agents/${a.agentId}`, b.key)).status).toBe(404);
      expect((await call('POST', `/api/v1/agents/${a.agentId}/invoke`, b.key, { message: 'hi', wait: true })).status).toBe(404);
    });

    it('keeps agent keys to their agent, several active at once, revocable', async () => {
      const { key, agentId, agentKey } = await aTenantWithAgent();
      const other = await call('POST', '/api/v1/agents', key, { name: 'Other' });
      expect((await call('POST', `/api/v1/agents/${other.body.id}/invoke`, agentKey, { message: 'hi' })).body.error.code).toBe('AGENT_MISMATCH');
      const second = (await call('POST', `/api/v1/agents/${agentId}/api-keys`, key, { name: 'rotation' })).body;
      expect(second.plainKey).toMatch(/^hb_agent_/);
      const keys = await call('GET', `/api/v1/agents/${agentId}/api-keys`, key);
      expect(keys.body.total).toBe(2);
      expect((await call('POST', `/api/v1/agents/${agentId}/api-keys/${second.id}/revoke`, key)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect((await call('POST', `/api/v1/agents/${agentId}/invoke`, second.plainKey, { message: 'hi' })).status).toBe(401);
      expect((await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'hi' })).status).toBe(202);
    });
  });

  describe('bots (Heartbeat API bot management)', () => {
    it('creates, reads and updates a bot: an agent of the project, heartbeat flag included', async () => {
      const { tenantId, key } = await aTenantWithAgent();
      const created = await call('POST', '/v1/bot/create', key, { project_id: tenantId, name: 'Digest bot' });
      expect(created.status).toBe(200);
      expect(created.body.bot).toMatchObject({ id: expect.stringMatching(/^agt_/), project_id: tenantId, name: 'Digest bot', heartbeat: false });
      const updated = await call('POST', '/v1/bot/update', key, { project_id: tenantId, bot_id: created.body.bot.id, heartbeat: true });
      expect(updated.body.bot).toMatchObject({ heartbeat: true, name: 'Digest bot' });
      const read = await call('GET', `/v1/bot/read?project_id=${tenantId}&bot_id=${created.body.bot.id}`, key);
      expect(read.body.bot.heartbeat).toBe(true);
      expect((await call('GET', `/api/v1/agents/${created.body.bot.id}`, key)).body.heartbeat).toBe(true);
    });

    it('answers in the bot face: 404 naming bot_id, 403 for another project, 400 naming the field', async () => {
      const { tenantId, key } = await aTenantWithAgent();
      const missing = await call('POST', '/v1/bot/update', key, { project_id: tenantId, bot_id: 'agt_missing', heartbeat: true });
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({ code: 'RESOURCE_NOT_FOUND', field: 'bot_id' });
      const other = await call('POST', '/v1/bot/create', key, { project_id: 'someone-else', name: 'x' });
      expect(other.status).toBe(403);
      expect(other.body.error).toMatchObject({ code: 'TENANT_MISMATCH', field: 'project_id' });
      const invalid = await call('POST', '/v1/bot/update', key, { project_id: tenantId, bot_id: 'agt_x', heartbeat: 'yes' });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'heartbeat' });
      // A retired model is refused on the bot face as on the Agent API.
      const retired = await call('POST', '/v1/bot/create', key, { project_id: tenantId, name: 'x', model: 'claude-sonnet-4-5' });
      expect(retired.status).toBe(400);
      expect(retired.body.error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'model', message: expect.stringContaining('retired') });
    });
  });

  describe('skills', () => {
    it('defines a skill, attaches it, and the model loads its instructions through a tool', async () => {
      const { key, agentId, agentKey } = await aTenantWithAgent();
      const skill = await call('POST', '/api/v1/skills', key, {
        name: 'refund-emails',
        description: 'How to write a refund email.',
        instructions: 'Apologise once, state the amount and the date.',
      });
      expect(skill.status).toBe(201);
      expect(skill.body).toMatchObject({ id: expect.stringMatching(/^skl_/), name: 'refund-emails' });
      const duplicate = await call('POST', '/api/v1/skills', key, { name: 'refund-emails', description: 'd', instructions: 'i' });
      expect(duplicate.body.error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'name' });
      const badName = await call('POST', '/api/v1/skills', key, { name: 'Refund Emails', description: 'd', instructions: 'i' });
      expect(badName.body.error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'name' });

      const attached = await call('POST', `/api/v1/agents/${agentId}/skills/${skill.body.id}`, key);
      expect(attached.body.skills).toEqual([{ id: skill.body.id, name: 'refund-emails', description: 'How to write a refund email.' }]);
      const run = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'use skill: refund-emails', wait: true });
      expect(run.body.response).toBe('Tool said: Apologise once, state the amount and the date.');
      const first = runRequests().find((r) => lastUserTurn(r).text === 'use skill: refund-emails')!.body;
      expect(String(first.system)).toContain('- refund-emails: How to write a refund email.');
      expect(String(first.system)).not.toContain('Apologise once');
      expect(first.tools?.map((t) => t.name)).toEqual(['remember', 'recall', 'load_skill']);

      const other = await aTenantWithAgent();
      expect((await call('POST', `/api/v1/agents/${other.agentId}/skills/${skill.body.id}`, other.key)).status).toBe(404);
      const detached = await call('DELETE', `/api/v1/agents/${agentId}/skills/${skill.body.id}`, key);
      expect(detached.body.skills).toEqual([]);
      const listed = await call('GET', '/api/v1/skills', key);
      expect(listed.body).toMatchObject({ total: 1, data: [{ name: 'refund-emails' }] });
      expect((await call('DELETE', `/api/v1/skills/${skill.body.id}`, key)).status).toBe(204);
    });
  });

  describe('invoke', () => {
    it("answers the spec's synchronous cURL request verbatim", async () => {
      const { agentId, agentKey } = await aTenantWithAgent();
      const res = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, '{"message": "Hello agent!", "wait": true}');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'completed', response: 'Hello! You said: Hello agent!', conversation_id: expect.stringMatching(/^conv_/) });
      expect(res.body.usage).toEqual({ input_tokens: 1000, output_tokens: 250, credits: 2 });
      const sent = runRequests().at(-1)!.body;
      expect(sent).toMatchObject({ model: 'scripted-model', max_tokens: 4096, messages: [{ role: 'user', content: 'Hello agent!' }] });
      expect(String(sent.system)).toContain('Be brief.');
    });

    it("answers the spec's Python request as the requests library sends it", async () => {
      const { agentId, agentKey } = await aTenantWithAgent();
      // requests.post(url, headers={"Authorization": ...}, json={...}, timeout=300)
      const res = await fetch(`${gateway.url}/api/v1/agents/${agentId}/invoke`, {
        method: 'POST',
        headers: {
          'User-Agent': 'python-requests/2.32.3',
          'Accept-Encoding': 'gzip, deflate',
          Accept: '*/*',
          Connection: 'keep-alive',
          Authorization: `Bearer ${agentKey}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ message: 'Hello agent!', wait: true }).replace(/":/g, '": ').replace(/,"/g, ', "'),
        signal: AbortSignal.timeout(300_000),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { response: string }).response).toBe('Hello! You said: Hello agent!');
    });

    it("answers the spec's JavaScript request: status and response destructured", async () => {
      const { agentId, agentKey } = await aTenantWithAgent();
      const response = await fetch(`${gateway.url}/api/v1/agents/${agentId}/invoke`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${agentKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ message: 'Hello agent!', wait: true }),
      });
      const { status, response: reply } = (await response.json()) as { status: string; response: string };
      expect(status).toBe('completed');
      expect(reply).toBe('Hello! You said: Hello agent!');
    });

    it('streams the reply as Server-Sent Events: run, deltas, tool calls, done', async () => {
      const { agentId, agentKey } = await aTenantWithAgent();
      const events = async (body: object, headers: Record<string, string> = {}) => {
        const res = await fetch(`${gateway.url}/api/v1/agents/${agentId}/invoke`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${agentKey}`, 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
        expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
        const raw = await res.text();
        return raw
          .split('\n\n')
          .filter((block) => block.startsWith('event: '))
          .map((block) => {
            const [event, data] = block.split('\n');
            return { event: event.slice('event: '.length), data: JSON.parse(data.slice('data: '.length)) };
          });
      };
      const plain = await events({ message: 'Hello streaming world, in several pieces', stream: true });
      expect(plain[0]).toMatchObject({ event: 'run', data: { conversation_id: expect.stringMatching(/^conv_/) } });
      const deltas = plain.filter((e) => e.event === 'delta');
      expect(deltas.length).toBeGreaterThan(2);
      expect(deltas.map((e) => e.data.text).join('')).toBe('Hello! You said: Hello streaming world, in several pieces');
      expect(plain.at(-1)).toMatchObject({ event: 'done', data: { status: 'completed', response: 'Hello! You said: Hello streaming world, in several pieces' } });
      expect(runRequests().at(-1)!.body.stream).toBe(true);

      const withTool = await events({ message: 'remember: Streams also remember', stream: true });
      expect(withTool.map((e) => e.event)).toContain('tool');
      expect(withTool.find((e) => e.event === 'tool')!.data).toEqual({ name: 'remember' });
      expect(withTool.at(-1)).toMatchObject({ event: 'done', data: { status: 'completed' } });

      const key = { 'Idempotency-Key': `stream-${randomBytes(4).toString('hex')}` };
      const first = await events({ message: 'slow 300 replay me', stream: true }, key);
      const replay = await events({ message: 'slow 300 replay me', stream: true }, key);
      expect(replay.map((e) => e.event)).toEqual(['run', 'done']);
      expect(replay[1].data).toMatchObject({ run_id: first[0].data.run_id, status: 'completed', replayed: true });
    });

    it('fires and polls (async): 202 at once, then pending or running, then completed', async () => {
      const { agentId, agentKey } = await aTenantWithAgent();
      const fired = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, '{"message": "slow 300 hello"}');
      expect(fired.status).toBe(202);
      expect(['pending', 'running']).toContain(fired.body.status);
      const conversationId = fired.body.conversation_id;
      const early = await call('GET', `/api/v1/agents/${agentId}/invoke/${conversationId}/status`, agentKey);
      expect(['pending', 'running']).toContain(early.body.status);
      const done = await pollUntilDone(agentId, conversationId, agentKey);
      expect(done.body).toMatchObject({ status: 'completed', response: 'slow reply to slow 300 hello', conversation_id: conversationId });
      expect((await call('GET', `/api/v1/agents/${agentId}/invoke/conv_unknown/status`, agentKey)).status).toBe(404);
    });

    it('continues a conversation with its history, and lists conversations and messages', async () => {
      const { key, agentId, agentKey } = await aTenantWithAgent();
      const first = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'first', wait: true });
      const conversationId = first.body.conversation_id;
      await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'second', wait: true, conversation_id: conversationId });
      expect(runRequests().at(-1)!.body.messages).toEqual([
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'Hello! You said: first' },
        { role: 'user', content: 'second' },
      ]);
      const conversations = await call('GET', `/api/v1/agents/${agentId}/conversations`, key);
      expect(conversations.body).toMatchObject({ total: 1, data: [{ id: conversationId, messages: 4 }] });
      const messages = await call('GET', `/api/v1/agents/${agentId}/conversations/${conversationId}/messages`, key);
      expect(messages.body.total).toBe(4);
      expect(messages.body.data.map((m: { role: string; content: string }) => `${m.role}: ${m.content}`)).toEqual([
        'assistant: Hello! You said: second',
        'user: second',
        'assistant: Hello! You said: first',
        'user: first',
      ]);
      expect(messages.body.data[0]).toMatchObject({ input_tokens: 1000, output_tokens: 250, tool_calls: [] });
      const unknown = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'x', conversation_id: 'conv_nope' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.field).toBe('conversation_id');
    });

    it('remembers through the memory service, then recalls what it stored', async () => {
      const { agentId, agentKey } = await aTenantWithAgent();
      const stored = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, {
        message: 'remember: The customer prefers email over phone calls',
        wait: true,
      });
      expect(stored.body).toMatchObject({ status: 'completed', response: expect.stringMatching(/^Tool said: \{"stored":"mem_/) });
      const recalled = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'recall: how does the client like to be contacted', wait: true });
      expect(recalled.body.status).toBe('completed');
      expect(recalled.body.response).toContain('The customer prefers email over phone calls');
      const memories = await call('GET', `/api/v1/agents/${agentId}/memory`, agentKey);
      expect(memories.body).toMatchObject({
        total: 1,
        data: [{ type: 'semantic', content: 'The customer prefers email over phone calls', confidence: 0.92, source_conversation: stored.body.conversation_id }],
      });
    });

    it('stores what a run taught as a memory of the agent, updating rather than duplicating', async () => {
      const { agentId, agentKey } = await aTenantWithAgent();
      const memories = async (expected: number) => {
        const deadline = Date.now() + 10_000;
        for (;;) {
          const res = await call('GET', `/api/v1/agents/${agentId}/memory`, agentKey);
          if (res.body.total === expected || Date.now() > deadline) return res.body;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
      const first = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'I prefer tea over coffee', wait: true });
      expect((await memories(1)).data).toMatchObject([
        { type: 'semantic', content: 'The user prefers tea over coffee', confidence: 0.8, source_conversation: first.body.conversation_id },
      ]);
      await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'I prefer tea over coffee', wait: true });
      await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'I prefer green tea over coffee', wait: true });
      await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'How are you?', wait: true });
      const deadline = Date.now() + 10_000;
      let after = await memories(1);
      while (after.data[0]?.content !== 'The user prefers green tea over coffee' && Date.now() < deadline) after = await memories(1);
      expect(after).toMatchObject({ total: 1, data: [{ content: 'The user prefers green tea over coffee' }] });
    });

    it('returns the first run to a retry with the same Idempotency-Key', async () => {
      const { agentId, agentKey } = await aTenantWithAgent();
      const onceOnly = () => runRequests().filter((r) => lastUserTurn(r).text === 'once only');
      const headers = { 'Idempotency-Key': `retry-${randomBytes(4).toString('hex')}` };
      const [a, b] = await Promise.all([
        call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'once only', wait: true }, headers),
        call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'once only', wait: true }, headers),
      ]);
      const c = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'once only' }, headers);
      expect(a.body.run_id).toBe(b.body.run_id);
      expect(c.body).toMatchObject({ run_id: a.body.run_id, status: 'completed', conversation_id: a.body.conversation_id });
      // Counted by this test's own message: the scripted model is shared with every other test.
      expect(onceOnly()).toHaveLength(1);
      const bad = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'x' }, { 'Idempotency-Key': 'has space' });
      expect(bad.body.error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'Idempotency-Key' });
    });

    it('queues a second invoke on a busy conversation behind the first (multitask_strategy: enqueue, the default), never interleaved', async () => {
      const { agentId, agentKey } = await aTenantWithAgent();
      const first = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'seed', wait: true });
      const conversation_id = first.body.conversation_id;
      const before = runRequests().length;
      const mine = new Set(['slow 600 first', 'then this']);
      const [slow, next] = await Promise.all([
        call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'slow 600 first', wait: true, conversation_id }),
        new Promise((resolve) => setTimeout(resolve, 100)).then(() =>
          call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'then this', wait: true, conversation_id, multitask_strategy: 'enqueue' }),
        ),
      ]);
      expect(slow.body.status).toBe('completed');
      expect(next.body.status).toBe('completed');
      const asked = runRequests().slice(before).filter((r) => mine.has(lastUserTurn(r).text)).map((r) => r.body.messages);
      expect(asked).toHaveLength(2);
      // The second run saw the first one's answer: it started after the first had ended.
      expect(asked[1].at(-2)).toEqual({ role: 'assistant', content: 'slow reply to slow 600 first' });
    });

    it('refuses an invoke on a busy conversation with multitask_strategy: reject, and takes it once the conversation is idle', async () => {
      const { agentId, agentKey } = await aTenantWithAgent();
      const fired = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'slow 1500 busy' });
      const conversation_id = fired.body.conversation_id;
      const refused = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'not now', conversation_id, multitask_strategy: 'reject' });
      expect(refused.status).toBe(409);
      expect(refused.body).toEqual({ error: { code: 'CONVERSATION_BUSY', message: expect.stringContaining(fired.body.run_id), field: 'conversation_id' } });
      await pollUntilDone(agentId, conversation_id, agentKey);
      const taken = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'now', wait: true, conversation_id, multitask_strategy: 'reject' });
      expect(taken.body).toMatchObject({ status: 'completed', response: 'Hello! You said: now' });
      // Two at once on an idle conversation: the conversation's lock lets exactly one through.
      const both = await Promise.all(
        ['slow 300 a', 'slow 300 b'].map((message) => call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message, conversation_id, multitask_strategy: 'reject' })),
      );
      expect(both.map((res) => res.status).sort()).toEqual([202, 409]);
      const bad = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'x', multitask_strategy: 'rollback' });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'multitask_strategy' });
    });

    it('interrupts the running turn with multitask_strategy: interrupt, keeping its message and what it did, and answers the new one', async () => {
      const { key, agentId, agentKey } = await aTenantWithAgent();
      const fired = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'research 3000 the long question' });
      const conversation_id = fired.body.conversation_id;
      // Wait until the first run has remembered and is at the model again (its tool result sent).
      const atModelAgain = () =>
        runRequests().some((request) => {
          const sent = JSON.stringify(request.body.messages);
          return sent.includes('the long question') && sent.includes('"tool_result"');
        });
      for (const until = Date.now() + 10_000; !atModelAgain() && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(atModelAgain()).toBe(true);
      const started = Date.now();
      const next = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'never mind that', wait: true, conversation_id, multitask_strategy: 'interrupt' });
      expect(next.body).toMatchObject({ status: 'completed', conversation_id, response: 'Hello! You said: never mind that' });
      expect(Date.now() - started).toBeLessThan(2500); // it did not wait out the slow turn
      // The model read the interrupted message with the new one, in one turn.
      const asked = runRequests().find((request) => JSON.stringify(request.body.messages.at(-1)).includes('never mind that'))!;
      expect(asked.body.messages.at(-1)!.content).toEqual([
        { type: 'text', text: 'research 3000 the long question' },
        { type: 'text', text: 'never mind that' },
      ]);
      // Newest first, as the messages route lists them: the interrupted turn keeps its tool call,
      // filled in by its worker as it stops.
      const messagesOf = async () =>
        (await call('GET', `/api/v1/agents/${agentId}/conversations/${conversation_id}/messages`, key)).body.data as Array<{ role: string; content: string; tool_calls: unknown[] }>;
      let messages = await messagesOf();
      for (const until = Date.now() + 5000; messages[2]?.tool_calls.length === 0 && Date.now() < until; ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        messages = await messagesOf();
      }
      expect(messages.map((m) => `${m.role}: ${m.content}`)).toEqual([
        `assistant: ${next.body.response}`,
        'user: never mind that',
        'assistant: ',
        'user: research 3000 the long question',
      ]);
      expect(messages[2].tool_calls).toEqual([
        { id: expect.any(String), name: 'remember', input: { content: 'the long question', type: 'semantic' }, output: { stored: expect.stringMatching(/^mem_/) }, is_error: false },
      ]);
      // The interrupted run ended as such, with its event; it is not the conversation's latest.
      const deadline = Date.now() + 5000;
      const endOf = () => events.find((e) => e.type === 'agent.run.failed' && e.payload.run_id === fired.body.run_id);
      while (!endOf() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(endOf()?.payload).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
      const latest = await call('GET', `/api/v1/agents/${agentId}/invoke/${conversation_id}/status`, agentKey);
      expect(latest.body.run_id).toBe(next.body.run_id);
    });

    it("never lets an invoke interrupt or reject on a conversation that is not its agent's", async () => {
      const victim = await aTenantWithAgent();
      const fired = await call('POST', `/api/v1/agents/${victim.agentId}/invoke`, victim.agentKey, { message: 'slow 1200 mine' });
      const conversation_id = fired.body.conversation_id;
      const stranger = await aTenantWithAgent();
      for (const multitask_strategy of ['interrupt', 'reject']) {
        const res = await call('POST', `/api/v1/agents/${stranger.agentId}/invoke`, stranger.agentKey, { message: 'stop it', conversation_id, multitask_strategy });
        expect(res.status).toBe(404);
        expect(res.body.error).toMatchObject({ code: 'RESOURCE_NOT_FOUND', field: 'conversation_id' });
      }
      const done = await pollUntilDone(victim.agentId, conversation_id, victim.agentKey);
      expect(done.body).toMatchObject({ run_id: fired.body.run_id, status: 'completed', response: 'slow reply to slow 1200 mine' });
    });

    it('fails a run that outlives its timeout, and one the model refuses, saying why', async () => {
      const { agentId, agentKey } = await aTenantWithAgent();
      const late = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'slow 5000', wait: true });
      expect(late.body).toMatchObject({ status: 'failed', error: { code: 'run_timeout' } });
      const refused = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'fail please', wait: true });
      expect(refused.body).toMatchObject({ status: 'failed', error: { code: 'model_error', message: expect.stringContaining('HTTP 400') } });
      const status = await call('GET', `/api/v1/agents/${agentId}/invoke/${refused.body.conversation_id}/status`, agentKey);
      expect(status.body).toMatchObject({ status: 'failed', error: { code: 'model_error' } });
    });

    it('cancels a running run and the one queued behind it; neither answers', async () => {
      const { key, agentId, agentKey } = await aTenantWithAgent();
      const fired = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'slow 2500 to cancel' });
      const conversation_id = fired.body.conversation_id;
      const queued = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'queued behind', conversation_id });
      const deadline = Date.now() + 5000;
      while ((await call('GET', `/api/v1/agents/${agentId}/invoke/${conversation_id}/status`, agentKey)).body.run_id !== queued.body.run_id && Date.now() < deadline);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the first run is at the model now
      const asked = runRequests().length;
      const started = Date.now();
      const cancelled = await call('POST', `/api/v1/agents/${agentId}/invoke/${conversation_id}/cancel`, agentKey);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ run_id: queued.body.run_id, status: 'failed', error: { code: 'cancelled' } });
      expect(Date.now() - started).toBeLessThan(1000);
      await new Promise((resolve) => setTimeout(resolve, 2600));
      const after = await call('GET', `/api/v1/agents/${agentId}/invoke/${conversation_id}/status`, agentKey);
      expect(after.body).toMatchObject({ status: 'failed', error: { code: 'cancelled' } });
      expect(runRequests().slice(asked).map((r) => lastUserTurn(r).text)).not.toContain('queued behind');
      const messages = await call('GET', `/api/v1/agents/${agentId}/conversations/${conversation_id}/messages`, key);
      expect(messages.body.data.filter((m: { role: string }) => m.role === 'assistant')).toEqual([]);
    });

    it('publishes agent.run.completed and agent.run.failed with tokens and credits', async () => {
      const { agentId, agentKey } = await aTenantWithAgent();
      const ok = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'event please', wait: true });
      const bad = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { message: 'fail again', wait: true });
      const deadline = Date.now() + 10_000;
      const find = (runId: string) => events.find((e) => e.payload.run_id === runId);
      while ((!find(ok.body.run_id) || !find(bad.body.run_id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(find(ok.body.run_id)).toMatchObject({
        type: 'agent.run.completed',
        payload: { agent_id: agentId, trigger: 'api', status: 'completed', usage: { input_tokens: 1000, output_tokens: 250, credits: 2 } },
      });
      expect(find(bad.body.run_id)).toMatchObject({ type: 'agent.run.failed', payload: { status: 'failed', error: { code: 'model_error' } } });
    });

    it('answers 400 naming message, and 401 without a key', async () => {
      const { agentId, agentKey } = await aTenantWithAgent();
      const res = await call('POST', `/api/v1/agents/${agentId}/invoke`, agentKey, { wait: true });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'message' });
      const anonymous = await fetch(`${gateway.url}/api/v1/agents/${agentId}/invoke`, { method: 'POST' });
      expect(anonymous.status).toBe(401);
    });
  });
});
