import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { Client } from 'pg';
import { z } from 'zod';
import { commandTopic } from '@hb/contracts';
import { aTenantWithKey, dropKafkaNamespace, gatewayClient, recordEvents, ScriptedAnthropic, startHttpEndpoint, testInfra, type HttpEndpoint, type ScriptedRequest, type ScriptedTurn } from '@hb/testing';
import { ServiceProcess, e2eSuite, migrate } from './support/processes';

const TOKEN = `tok_${randomBytes(12).toString('hex')}`;

/**
 * An outside MCP server, made with the official SDK (Streamable HTTP, stateless): it refuses a
 * request without its bearer token, and records each tool call it answers.
 */
async function startWeatherServer(calls: Array<{ tool: string; args: unknown; authorization?: string }>): Promise<HttpEndpoint> {
  return startHttpEndpoint((req: IncomingMessage, body: string, res: ServerResponse) => {
    // A server behind a failing proxy: a long error page, which the model must not be handed whole.
    if (req.url === '/down/mcp') return void res.writeHead(502, { 'content-type': 'text/html' }).end(`<html>${'Bad gateway. '.repeat(400)}</html>`);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
    if (req.method !== 'POST') return void res.writeHead(405).end();
    const server = new McpServer({ name: 'weather', version: '1.0.0' });
    const record = (tool: string, args: unknown) => calls.push({ tool, args, authorization: req.headers.authorization });
    server.registerTool('forecast', { description: "A city's weather tomorrow.", inputSchema: { city: z.string() } }, async ({ city }) => {
      record('forecast', { city });
      return { content: [{ type: 'text', text: `Rain in ${city} tomorrow, 12°C.` }] };
    });
    server.registerTool('broken', { description: 'Always fails.', inputSchema: {} }, async () => {
      record('broken', {});
      return { content: [{ type: 'text', text: 'the weather station is offline' }], isError: true };
    });
    server.registerTool('slow', { description: 'Answers after two seconds.', inputSchema: {} }, async () => {
      record('slow', {});
      await new Promise((resolve) => setTimeout(resolve, 2000));
      return { content: [{ type: 'text', text: 'finally' }] };
    });
    // A tool whose input schema is too large to offer (3,000 choices): the others are offered without it.
    const regions = Array.from({ length: 3000 }, (_, i) => `region-${i}`) as [string, ...string[]];
    server.registerTool('atlas', { description: 'Every region.', inputSchema: { region: z.enum(regions) } }, async () => ({ content: [] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => void transport.close().then(() => server.close()));
    void server.connect(transport).then(() => transport.handleRequest(req, res, JSON.parse(body)));
  });
}

/**
 * An MCP server that keeps sessions (Streamable HTTP with session ids, the official SDK's): it
 * records each session it opens and each one a client ends with a DELETE.
 */
async function startNotesServer(sessions: { opened: string[]; ended: string[] }): Promise<HttpEndpoint> {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  return startHttpEndpoint((req: IncomingMessage, body: string, res: ServerResponse) => {
    const id = req.headers['mcp-session-id'] as string | undefined;
    const open = id ? transports.get(id) : undefined;
    if (open) {
      if (req.method === 'DELETE') sessions.ended.push(id!);
      return void open.handleRequest(req, res, body ? JSON.parse(body) : undefined);
    }
    if (req.method !== 'POST' || id) return void res.writeHead(404).end();
    const server = new McpServer({ name: 'notes', version: '1.0.0' });
    server.registerTool('count', { description: 'How many notes there are.', inputSchema: {} }, async () => ({ content: [{ type: 'text', text: '3 notes' }] }));
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (session) => {
        sessions.opened.push(session);
        transports.set(session, transport);
      },
      onsessionclosed: (session) => void transports.delete(session),
    });
    void server.connect(transport).then(() => transport.handleRequest(req, res, JSON.parse(body)));
  });
}

/** The model: "use TOOL [json]" calls that tool once, then says what it returned (and whether it failed). */
function script(request: ScriptedRequest): ScriptedTurn {
  const last = request.body.messages.at(-1)!;
  if (Array.isArray(last.content)) {
    const results = last.content.filter((block) => block.type === 'tool_result');
    return { text: results.map((r) => `${r.is_error ? 'failed' : 'got'}: ${String(r.content)}`).join(' | ') };
  }
  const [, tool, args] = /^use (\S+)\s*(.*)$/.exec(last.content) ?? [];
  if (tool) return { toolUses: [{ name: tool, input: args ? JSON.parse(args) : {} }] };
  return { text: 'no tool needed' };
}

describe('agents as MCP clients, through the gateway', () => {
  const { namespace, adminKey, env } = e2eSuite('mcpc');
  const model = new ScriptedAnthropic(script);
  // 127.0.0.1 is allowlisted, as a development deployment would allow its own machine; the name
  // localhost is not, so a server given as https://localhost:… shows the guard at connect time.
  const suiteEnv = { ...env, WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' };
  const gateway = new ServiceProcess('gateway', 13700, suiteEnv);
  const runtime = new ServiceProcess('agent-runtime', 13701, suiteEnv);
  const call = gatewayClient(gateway.url, { timeoutMs: 60_000 });
  const calls: Array<{ tool: string; args: unknown; authorization?: string }> = [];
  let weather: HttpEndpoint;
  let notes: HttpEndpoint;
  const sessions = { opened: [] as string[], ended: [] as string[] };

  async function anAgent(): Promise<{ key: string; agentId: string; tenantId: string }> {
    const { key, tenantId } = await aTenantWithKey(call, adminKey);
    const agent = await call('POST', '/api/v1/agents', key, { name: 'Forecaster', tools_enabled: false });
    return { key, tenantId, agentId: agent.body.id };
  }

  async function giveWeather(key: string, agentId: string, extra: Record<string, unknown> = {}) {
    const created = await call('POST', `/api/v1/agents/${agentId}/mcp-servers`, key, {
      name: 'weather',
      url: `${weather.url}/mcp`,
      headers: { Authorization: `Bearer ${TOKEN}` },
      ...extra,
    });
    expect(created.status).toBe(201);
    return created.body;
  }

  const invoke = (key: string, agentId: string, message: string) => call('POST', `/api/v1/agents/${agentId}/invoke`, key, { message, wait: true });
  const lastAnswer = async (key: string, agentId: string, conversationId: string) =>
    (await call('GET', `/api/v1/agents/${agentId}/conversations/${conversationId}/messages`, key)).body.data[0];

  beforeAll(async () => {
    for (const app of ['gateway', 'agent-runtime'] as const) await migrate(app, suiteEnv);
    await model.start();
    weather = await startWeatherServer(calls);
    notes = await startNotesServer(sessions);
    runtime.start({ ANTHROPIC_BASE_URL: model.url, ANTHROPIC_MODEL: 'scripted-model', AUTO_MEMORY: 'false' });
    await runtime.waitForReadiness(200);
    gateway.start();
    await gateway.waitForReadiness(200);
  });

  afterAll(async () => {
    await Promise.all([gateway.stop(), runtime.stop(), model.stop(), weather?.close(), notes?.close()]);
    await dropKafkaNamespace(namespace);
  });

  describe('managing an agent’s MCP servers', () => {
    it('sends the headers over Kafka sealed, stores them sealed, and never answers their values', async () => {
      const { key, agentId } = await anAgent();
      const commands: unknown[] = [];
      const recorder = await recordEvents(`${namespace}.${commandTopic('agent-runtime')}`, `${namespace}-commands`, commands);
      const created = await giveWeather(key, agentId);
      expect(created).toEqual({
        id: expect.stringMatching(/^mcp_/),
        agent_id: agentId,
        name: 'weather',
        url: `${weather.url}/mcp`,
        header_names: ['Authorization'],
        timeout_ms: 30000,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      const listed = await call('GET', `/api/v1/agents/${agentId}/mcp-servers`, key);
      expect(listed.body).toEqual({ data: [created], total: 1 });
      expect(JSON.stringify(listed.body)).not.toContain(TOKEN);
      expect((await call('GET', `/api/v1/agents/${agentId}/mcp-servers/${created.id}`, key)).body).toEqual(created);
      // At rest the token is nowhere in the row: only its sealed form.
      const db = new Client({ connectionString: testInfra.DATABASE_URL });
      await db.connect();
      try {
        const [row] = (await db.query(`SELECT * FROM agent_runtime.agent_mcp_servers WHERE id = $1`, [created.id])).rows;
        expect(JSON.stringify(row)).not.toContain(TOKEN);
        expect(row.headers_sealed).toMatch(/^v1\./);
      } finally {
        await db.end();
      }
      // On the command topic, which keeps its messages for days, the token travelled sealed too.
      for (const until = Date.now() + 10_000; !JSON.stringify(commands).includes(created.name) && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 100));
      await recorder.stop();
      const create = JSON.stringify(commands.find((c) => JSON.stringify(c).includes('"weather"')));
      expect(create).toMatch(/"sealedHeaders":"v1\./);
      expect(create).not.toContain(TOKEN);
      expect(JSON.stringify(commands)).not.toContain(TOKEN);
    });

    it('changes, and deletes, a server; moving it to another origin needs its headers again', async () => {
      const { key, agentId } = await anAgent();
      const { id } = await giveWeather(key, agentId);
      const path = `/api/v1/agents/${agentId}/mcp-servers/${id}`;
      expect((await call('PATCH', path, key, { timeout_ms: 5000, name: 'forecasts' })).body).toMatchObject({ timeout_ms: 5000, name: 'forecasts', header_names: ['Authorization'] });
      const moved = await call('PATCH', path, key, { url: 'https://mcp.example.com/mcp' });
      expect(moved.status).toBe(400);
      expect(moved.body).toMatchObject({ error: { code: 'VALIDATION_ERROR', field: 'headers' } });
      expect((await call('PATCH', path, key, { url: 'https://mcp.example.com/mcp', headers: {} })).body).toMatchObject({ url: 'https://mcp.example.com/mcp', header_names: [] });
      expect((await call('DELETE', path, key)).status).toBe(204);
      expect((await call('GET', path, key)).status).toBe(404);
    });

    it.each([
      ['name', { name: 'Not Valid!', url: 'https://mcp.example.com/mcp' }],
      ['url', { name: 'x', url: 'http://mcp.example.com/mcp' }],
      ['url', { name: 'x', url: 'not a url' }],
      ['headers', { name: 'x', url: 'https://mcp.example.com/mcp', headers: { Host: 'evil' } }],
      ['headers', { name: 'x', url: 'https://mcp.example.com/mcp', headers: { 'X-Token': 'a\r\nInjected: yes' } }],
      ['headers', { name: 'x', url: 'https://mcp.example.com/mcp', headers: ['Authorization'] }],
      ['timeout_ms', { name: 'x', url: 'https://mcp.example.com/mcp', timeout_ms: 10 }],
    ])('refuses a bad %s with a 400 naming it', async (field, body) => {
      const { key, agentId } = await anAgent();
      const refused = await call('POST', `/api/v1/agents/${agentId}/mcp-servers`, key, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'VALIDATION_ERROR', field });
    });

    it('refuses a second server of the same name', async () => {
      const { key, agentId } = await anAgent();
      await giveWeather(key, agentId);
      const again = await call('POST', `/api/v1/agents/${agentId}/mcp-servers`, key, { name: 'weather', url: 'https://mcp.example.com/mcp' });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'DUPLICATE_RESOURCE', field: 'name' });
    });

    it("shows no tenant another's servers, and no agent key any server (they hold credentials)", async () => {
      const owner = await anAgent();
      const { id } = await giveWeather(owner.key, owner.agentId);
      const stranger = await anAgent();
      for (const path of [`/api/v1/agents/${owner.agentId}/mcp-servers`, `/api/v1/agents/${owner.agentId}/mcp-servers/${id}`]) {
        expect((await call('GET', path, stranger.key)).status).toBe(404);
      }
      expect((await call('GET', `/api/v1/agents/${stranger.agentId}/mcp-servers/${id}`, stranger.key)).status).toBe(404);
      expect((await call('DELETE', `/api/v1/agents/${owner.agentId}/mcp-servers/${id}`, stranger.key)).status).toBe(404);
      const agentKey = (await call('POST', `/api/v1/agents/${owner.agentId}/api-keys`, owner.key, { name: 'k' })).body.plainKey;
      // An agent key invokes its agent and uses its memory; it cannot read or change what the agent connects to.
      const refused = await call('GET', `/api/v1/agents/${owner.agentId}/mcp-servers`, agentKey);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'INSUFFICIENT_SCOPE' });
      expect((await call('POST', `/api/v1/agents/${owner.agentId}/mcp-servers`, agentKey, { name: 'x', url: 'https://mcp.example.com/mcp' })).status).toBe(403);
    });
  });

  describe('a run calling the tools of an outside MCP server', () => {
    it('lists the tools at run start, calls one with the stored headers, and records the call with its result', async () => {
      const { key, agentId } = await anAgent();
      await giveWeather(key, agentId);
      const before = calls.length;
      const run = await invoke(key, agentId, 'use weather__forecast {"city":"Oslo"}');
      expect(run.body).toMatchObject({ status: 'completed', response: 'got: Rain in Oslo tomorrow, 12°C.' });
      expect(calls.slice(before)).toEqual([{ tool: 'forecast', args: { city: 'Oslo' }, authorization: `Bearer ${TOKEN}` }]);
      const offered = model.requests.find((request) => JSON.stringify(request.body.messages).includes('weather__forecast'))!.body.tools!;
      // atlas is left out: its schema is over the size a tool may take.
      expect(offered.map((tool) => tool.name)).toEqual(['weather__forecast', 'weather__broken', 'weather__slow']);
      expect(offered.find((tool) => tool.name === 'weather__forecast')).toMatchObject({
        description: "[weather] A city's weather tomorrow.",
        input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      });
      expect((await lastAnswer(key, agentId, run.body.conversation_id)).tool_calls).toEqual([
        { id: expect.any(String), name: 'weather__forecast', input: { city: 'Oslo' }, output: 'Rain in Oslo tomorrow, 12°C.', is_error: false, server: 'weather' },
      ]);
    });

    it('ends the session of a server that keeps them once the run is over, with the DELETE Streamable HTTP asks for', async () => {
      const { key, agentId } = await anAgent();
      expect((await call('POST', `/api/v1/agents/${agentId}/mcp-servers`, key, { name: 'notes', url: `${notes.url}/mcp` })).status).toBe(201);
      const before = sessions.opened.length;
      const run = await invoke(key, agentId, 'use notes__count');
      expect(run.body).toMatchObject({ status: 'completed', response: 'got: 3 notes' });
      const [session] = sessions.opened.slice(before);
      expect(session).toBeDefined();
      for (const until = Date.now() + 5000; !sessions.ended.includes(session) && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sessions.ended).toContain(session);
    });

    it("gives the model a tool's error as an error, and records it so", async () => {
      const { key, agentId } = await anAgent();
      await giveWeather(key, agentId);
      const run = await invoke(key, agentId, 'use weather__broken');
      expect(run.body).toMatchObject({ status: 'completed', response: 'failed: the weather station is offline' });
      expect((await lastAnswer(key, agentId, run.body.conversation_id)).tool_calls[0]).toMatchObject({ name: 'weather__broken', is_error: true, server: 'weather' });
    });

    it('bounds a call by the server’s timeout: the model reads the timeout and the run goes on', async () => {
      const { key, agentId } = await anAgent();
      await giveWeather(key, agentId, { timeout_ms: 1000 });
      const run = await invoke(key, agentId, 'use weather__slow');
      expect(run.body).toMatchObject({ status: 'completed', response: 'failed: MCP server weather did not answer within 1000 ms' });
      expect((await lastAnswer(key, agentId, run.body.conversation_id)).tool_calls[0]).toMatchObject({
        name: 'weather__slow',
        output: 'MCP server weather did not answer within 1000 ms',
        is_error: true,
      });
    });

    it('refuses to connect to a private or local address that is not allowlisted, and runs without its tools', async () => {
      const { key, agentId } = await anAgent();
      await giveWeather(key, agentId, { name: 'sneaky', url: `https://localhost:${weather.port}/mcp` });
      const before = calls.length;
      const run = await invoke(key, agentId, 'what is the weather?');
      expect(run.body).toMatchObject({ status: 'completed', response: 'no tool needed' });
      const request = model.requests.at(-1)!.body;
      expect(request.tools).toBeUndefined();
      expect(String(request.system)).toMatch(/MCP server sneaky: refused: localhost resolves to a private or local address/);
      expect(calls.length).toBe(before);
    });

    it('runs without the tools of a server that refuses its headers, saying so to the model', async () => {
      const { key, agentId } = await anAgent();
      await giveWeather(key, agentId, { headers: { Authorization: 'Bearer wrong' } });
      const run = await invoke(key, agentId, 'what is the weather?');
      expect(run.body).toMatchObject({ status: 'completed', response: 'no tool needed' });
      expect(String(model.requests.at(-1)!.body.system)).toMatch(/MCP server weather: HTTP 401: .*unauthorized/);
    });

    it('tells the model the kind of failure in a line, not a failing server’s whole answer', async () => {
      const { key, agentId } = await anAgent();
      await giveWeather(key, agentId, { name: 'down', url: `${weather.url}/down/mcp` });
      const run = await invoke(key, agentId, 'what is the weather?');
      expect(run.body).toMatchObject({ status: 'completed', response: 'no tool needed' });
      const system = String(model.requests.at(-1)!.body.system);
      const [reason] = /MCP server down: [^\n]*/.exec(system) ?? [''];
      expect(reason).toMatch(/^MCP server down: HTTP 502: /);
      expect(reason.length).toBeLessThanOrEqual(200);
      expect(system).not.toContain('Bad gateway. '.repeat(20));
    });
  });
});
