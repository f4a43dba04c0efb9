import { randomBytes } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { dropKafkaNamespace, gatewayClient, ScriptedAnthropic, type ScriptedRequest, type ScriptedTurn } from '@hb/testing';
import { ServiceProcess, e2eSuite, migrate } from './support/processes';

/** The model: "slow N" answers after N ms; memory extraction finds nothing; anything else is echoed. */
function script(request: ScriptedRequest): ScriptedTurn {
  const last = request.body.messages.at(-1)!;
  const text = typeof last.content === 'string' ? last.content : '';
  if (request.body.system?.toString().includes('extract')) return { text: '[]' };
  const [, slow] = /^slow (\d+)/.exec(text) ?? [];
  if (slow) return { text: `slow reply to ${text}`, delayMs: Number(slow) };
  return { text: `You said: ${text}` };
}

describe('the platform as an MCP server, through the gateway', () => {
  const { namespace, adminKey, env } = e2eSuite('mcp');
  const model = new ScriptedAnthropic(script);
  const gateway = new ServiceProcess('gateway', 13600, env);
  const memory = new ServiceProcess('memory', 13603, env);
  const runtime = new ServiceProcess('agent-runtime', 13601, env);
  const scheduler = new ServiceProcess('heartbeat-scheduler', 13602, env);
  const call = gatewayClient(gateway.url);
  const clients: Client[] = [];

  /** An MCP client of the official SDK, connected to /mcp with this bearer key. */
  async function connect(key?: string): Promise<Client> {
    const client = new Client({ name: 'e2e', version: '1.0.0' });
    const headers: Record<string, string> = key ? { Authorization: `Bearer ${key}` } : {};
    await client.connect(new StreamableHTTPClientTransport(new URL(`${gateway.url}/mcp`), { requestInit: { headers } }));
    clients.push(client);
    return client;
  }

  async function tool(client: Client, name: string, args: Record<string, unknown>, onprogress?: () => void): Promise<{ isError: boolean; value: any; text: string }> {
    const result = (await client.callTool({ name, arguments: args }, undefined, { onprogress, timeout: 60_000 })) as CallToolResult;
    const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    return { isError: result.isError === true, text, value: result.isError ? undefined : JSON.parse(text) };
  }

  /** A tenant on the enterprise plan (heartbeats allowed) with a key, an agent with heartbeat: true, and that agent's key. */
  async function aTenant(scopes?: string[]) {
    const tenantId = `tenant_${randomBytes(4).toString('hex')}`;
    await call('POST', '/api/v1/admin/tenants', adminKey, { id: tenantId, name: 'mcp', plan: 'enterprise' });
    const created = (await call('POST', '/api/v1/api-keys', adminKey, { name: 'k', tenantId, ...(scopes ? { scopes } : {}) })).body.data;
    const full = scopes ? (await call('POST', '/api/v1/api-keys', adminKey, { name: 'full', tenantId })).body.data.plainKey : created.plainKey;
    const agent = (await call('POST', '/api/v1/agents', full, { name: 'Helper', instructions: 'Be brief.', heartbeat: true })).body;
    const agentKey = (await call('POST', `/api/v1/agents/${agent.id}/api-keys`, full, { name: 'mcp' })).body.plainKey;
    return { tenantId, key: created.plainKey as string, keyId: created.id as string, agentId: agent.id as string, agentKey: agentKey as string };
  }

  beforeAll(async () => {
    for (const app of ['gateway', 'memory', 'agent-runtime', 'heartbeat-scheduler'] as const) await migrate(app, env);
    await model.start();
    const modelEnv = { ANTHROPIC_BASE_URL: model.url, ANTHROPIC_MODEL: 'scripted-model', AUTO_MEMORY: 'false' };
    memory.start(modelEnv);
    runtime.start(modelEnv);
    scheduler.start();
    await Promise.all([memory, runtime, scheduler].map((service) => service.waitForReadiness(200)));
    gateway.start();
    await gateway.waitForReadiness(200);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await Promise.all([gateway.stop(), memory.stop(), runtime.stop(), scheduler.stop(), model.stop()]);
    await dropKafkaNamespace(namespace);
  });

  describe('who may connect and what each key sees', () => {
    it('refuses a client without a key, with a revoked key, and with the admin key', async () => {
      // The SDK's error carries the HTTP status as its code, and the gateway's error body as its message.
      await expect(connect()).rejects.toMatchObject({ code: 401, message: expect.stringContaining('AUTH_REQUIRED') });
      const tenant = await aTenant();
      expect((await call('POST', '/api/v1/api-keys/revoke', adminKey, { tenantId: tenant.tenantId, keyId: tenant.keyId })).status).toBe(200);
      await expect(connect(tenant.key)).rejects.toMatchObject({ code: 401, message: expect.stringContaining('AUTH_INVALID') });
      await expect(connect(adminKey)).rejects.toMatchObject({ code: 403, message: expect.stringContaining('INSUFFICIENT_SCOPE') });
    });

    it("lists a tenant key's tools by its scopes, and an agent key's as its agent's alone", async () => {
      const tenant = await aTenant();
      const names = async (key: string) => (await (await connect(key)).listTools()).tools.map((t) => t.name).sort();
      expect(await names(tenant.key)).toEqual([
        'decision_chain', 'forget_memory', 'get_memory', 'heartbeat_logs', 'invoke_agent', 'list_heartbeats',
        'remember', 'run_status', 'search_memories', 'trigger_heartbeat', 'update_memory',
      ]);
      expect(await names(tenant.agentKey)).toEqual(['forget_memory', 'get_memory', 'invoke_agent', 'remember', 'run_status', 'search_memories', 'update_memory']);
      const reader = await aTenant(['read:memories']);
      expect(await names(reader.key)).toEqual(['decision_chain', 'get_memory', 'search_memories']);
      // Each tool says what it takes, for the model that will call it.
      const remember = (await (await connect(tenant.key)).listTools()).tools.find((t) => t.name === 'remember')!;
      expect(remember.description).toMatch(/memory/);
      expect(remember.inputSchema.required).toEqual(expect.arrayContaining(['content', 'type']));
      const invoke = (await (await connect(tenant.agentKey)).listTools()).tools.find((t) => t.name === 'invoke_agent')!;
      expect(Object.keys(invoke.inputSchema.properties ?? {})).not.toContain('agent_id');
    });

    it('charges each MCP request to the key like a REST request', async () => {
      const tenant = await aTenant();
      const post = () =>
        fetch(`${gateway.url}/mcp`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${tenant.key}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
        });
      const first = Number((await post()).headers.get('x-ratelimit-remaining'));
      const second = Number((await post()).headers.get('x-ratelimit-remaining'));
      expect(second).toBe(first - 1);
    });
  });

  describe('memory tools', () => {
    it('remembers, finds, reads, changes and forgets a memory', async () => {
      const client = await connect((await aTenant()).key);
      const stored = await tool(client, 'remember', { content: 'Priya prefers written summaries after every meeting.', type: 'semantic', tags: ['priya'] });
      expect(stored.value).toMatchObject({ id: expect.stringMatching(/^mem_/), type: 'semantic', tags: ['priya'] });
      const found = await tool(client, 'search_memories', { query: 'how does Priya like meeting notes?' });
      expect(found.value.results[0]).toMatchObject({ id: stored.value.id });
      expect((await tool(client, 'get_memory', { id: stored.value.id })).value.content).toContain('written summaries');
      expect((await tool(client, 'update_memory', { id: stored.value.id, importance: 0.9 })).value.importance).toBe(0.9);
      expect((await tool(client, 'forget_memory', { id: stored.value.id })).value).toEqual({ id: stored.value.id, deleted: true });
      const gone = await tool(client, 'get_memory', { id: stored.value.id });
      expect(gone.isError).toBe(true);
      expect(gone.text).toMatch(/^RESOURCE_NOT_FOUND/);
    });

    it('refuses bad arguments as the REST route would, naming the field', async () => {
      const client = await connect((await aTenant()).key);
      const refused = await tool(client, 'remember', { content: 'x', type: 'not-a-type' }).catch((error: Error) => ({ isError: true, text: error.message, value: undefined }));
      expect(refused.isError).toBe(true);
      expect(refused.text).toMatch(/type/);
    });

    it("keeps an agent key on its agent's memory and every key in its tenant", async () => {
      const a = await aTenant();
      const b = await aTenant();
      const tenantMemory = await tool(await connect(a.key), 'remember', { content: 'The tenant-wide holiday calendar is in the shared drive.', type: 'semantic' });
      const agentClient = await connect(a.agentKey);
      const agentMemory = await tool(agentClient, 'remember', { content: 'This agent answers in French.', type: 'procedural' });
      // The agent sees its own memory, not the rest of its tenant's.
      expect((await tool(agentClient, 'get_memory', { id: agentMemory.value.id })).isError).toBe(false);
      expect((await tool(agentClient, 'get_memory', { id: tenantMemory.value.id })).isError).toBe(true);
      expect((await tool(agentClient, 'forget_memory', { id: tenantMemory.value.id })).isError).toBe(true);
      const agentSearch = await tool(agentClient, 'search_memories', { query: 'holiday calendar shared drive' });
      expect(agentSearch.value.results.map((r: { id: string }) => r.id)).not.toContain(tenantMemory.value.id);
      const changed = await tool(agentClient, 'update_memory', { id: tenantMemory.value.id, content: 'Overwritten by the agent.' });
      expect(changed.isError).toBe(true);
      expect((await tool(await connect(a.key), 'get_memory', { id: tenantMemory.value.id })).value.content).toContain('holiday calendar');
      // Another tenant sees neither.
      const other = await connect(b.key);
      for (const id of [tenantMemory.value.id, agentMemory.value.id]) {
        const read = await tool(other, 'get_memory', { id });
        expect(read.isError).toBe(true);
        expect(read.text).not.toContain('French');
      }
      expect((await tool(await connect(a.key), 'get_memory', { id: tenantMemory.value.id })).isError).toBe(false);
    });
  });

  describe('agent and heartbeat tools', () => {
    it('invokes an agent, waits for its answer while reporting progress, and reads the run', async () => {
      const tenant = await aTenant();
      const client = await connect(tenant.key);
      let progress = 0;
      const run = await tool(client, 'invoke_agent', { agent_id: tenant.agentId, message: 'slow 1500 hello' }, () => void progress++);
      expect(run.value).toMatchObject({ status: 'completed', response: 'slow reply to slow 1500 hello' });
      expect(progress).toBeGreaterThanOrEqual(2); // one at the start, then one a second while the 1.5 s run goes
      const status = await tool(client, 'run_status', { agent_id: tenant.agentId, conversation_id: run.value.conversation_id });
      expect(status.value).toMatchObject({ run_id: run.value.run_id, status: 'completed' });
      // An agent key invokes its own agent without naming it, and no other.
      const own = await tool(await connect(tenant.agentKey), 'invoke_agent', { message: 'hi' });
      expect(own.value).toMatchObject({ status: 'completed', response: 'You said: hi' });
      // Nor does it reach another agent's conversation.
      const sibling = (await call('POST', '/api/v1/agents', tenant.key, { name: 'Sibling' })).body.id;
      const theirs = await tool(client, 'invoke_agent', { agent_id: sibling, message: 'theirs' });
      const crossed = await tool(await connect(tenant.agentKey), 'invoke_agent', { message: 'hi', conversation_id: theirs.value.conversation_id });
      expect(crossed.isError).toBe(true);
      expect(crossed.text).toMatch(/^RESOURCE_NOT_FOUND/);
      const stranger = await aTenant();
      const refused = await tool(await connect(stranger.key), 'invoke_agent', { agent_id: tenant.agentId, message: 'hi' });
      expect(refused.isError).toBe(true);
      expect(refused.text).toMatch(/^RESOURCE_NOT_FOUND/);
    });

    it("lists a bot's heartbeats, triggers one and reads its logs", async () => {
      const tenant = await aTenant();
      const configured = await call('POST', '/v1/bot/heartbeat/configure', tenant.key, {
        project_id: tenant.tenantId,
        bot_id: tenant.agentId,
        prompt: 'Check the inbox',
        cron_pattern: '0 9 1 1 *',
        enabled: false,
      });
      expect(configured.status).toBe(200);
      const heartbeatId = configured.body.heartbeat.uuid;
      const client = await connect(tenant.key);
      const listed = await tool(client, 'list_heartbeats', { bot_id: tenant.agentId });
      expect(listed.value.heartbeats.map((h: { uuid: string }) => h.uuid)).toEqual([heartbeatId]);
      const triggered = await tool(client, 'trigger_heartbeat', { bot_id: tenant.agentId, heartbeat_id: heartbeatId });
      expect(triggered.value).toMatchObject({ status: 'success', response: 'You said: Check the inbox' });
      const logs = await tool(client, 'heartbeat_logs', { bot_id: tenant.agentId, heartbeat_id: heartbeatId });
      expect(logs.value.logs[0]).toMatchObject({ status: 'success' });
    });

    it('traces a decision chain over the memories', async () => {
      const client = await connect((await aTenant()).key);
      await tool(client, 'remember', { content: 'Churn rose to 8% in Q3.', type: 'event' });
      await tool(client, 'remember', { content: 'We decided to focus Q4 on retention because churn rose.', type: 'decision' });
      const chain = await tool(client, 'decision_chain', { topic: 'retention focus' });
      expect(chain.isError).toBe(false);
      expect(chain.value.steps.length).toBeGreaterThanOrEqual(1);
    });
  });
});
