import { Metrics, ModelEnv, loadConfig, modelProviderFor } from '@hb/platform';
import { ScriptedAnthropic } from '@hb/testing';
import type { AgentRow } from '../agents/agents.service';
import { AgentTurn } from './agent-turn';
import { RunMetrics } from './run-metrics';
import type { RunRow } from './run-rows';
import { McpSession, type McpToolbox } from '../mcp/mcp-toolbox';
import type { McpServerRow } from '../mcp/mcp-servers.repository';
import type { AgentTools } from './tools';

const agent = { id: 'agt_1', instructions: 'Be brief.', model: null, max_tokens: 100, tools_enabled: true } as AgentRow;
const run = { id: 'run_1', message: 'hi', tenant_id: 't', agent_id: 'agt_1', conversation_id: 'conv_1' } as RunRow;
const options = () => ({ history: [], skills: [], mcpServers: [] as McpServerRow[], signal: new AbortController().signal, maxRounds: 2 });

/** An agent's MCP servers as the toolbox opens them: one tool of the server "weather", and one server that could not be reached. */
function weatherSession(closed: string[]): McpSession {
  const session = {
    tools: [{ name: 'weather__forecast', description: '[weather] The forecast', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
    unavailable: [{ server: 'down', reason: 'MCP server down: connect ECONNREFUSED' }],
    owns: (name: string) => name === 'weather__forecast',
    call: async (_name: string, input: Record<string, unknown>) => ({ output: `rain in ${String(input.city)}`, isError: false, server: 'weather' }),
    close: async () => void closed.push('closed'),
  };
  return session as unknown as McpSession;
}

describe(AgentTurn.name, () => {
  const model = new ScriptedAnthropic();
  const calls: string[] = [];
  const tools = { call: async (_run: RunRow, name: string) => (calls.push(name), { output: { ok: true }, isError: false }) } as unknown as AgentTools;
  const noServers = { open: async () => McpSession.empty } as unknown as McpToolbox;
  const metrics = new Metrics('agent-runtime');
  const runMetrics = new RunMetrics(metrics);
  const configured = (mcp = noServers) => new AgentTurn(modelProviderFor(loadConfig(ModelEnv, { PORT: '1', ANTHROPIC_BASE_URL: model.url })), tools, mcp, runMetrics);

  beforeAll(() => model.start());
  afterAll(() => model.stop());

  it('fails with model_not_configured, naming the variables to set, when no model is configured', async () => {
    await expect(new AgentTurn(null, tools, noServers, runMetrics).run(run, agent, options())).rejects.toMatchObject({
      code: 'model_not_configured',
      message: expect.stringMatching(/ANTHROPIC_API_KEY.*ANTHROPIC_BASE_URL/),
    });
  });

  it('stops a model that keeps calling tools after maxRounds', async () => {
    model.script(() => ({ toolUses: [{ name: 'recall', input: { query: 'again' } }] }));
    await expect(configured().run(run, agent, options())).rejects.toMatchObject({ code: 'tool_rounds_exceeded' });
    expect(calls).toEqual(['recall', 'recall']);
  });

  it('sends no tools to an agent without them, and sums tokens over rounds', async () => {
    model.script([{ text: 'plain', usage: { input_tokens: 7, output_tokens: 3 } }]);
    const result = await configured().run(run, { ...agent, tools_enabled: false }, options());
    expect(result).toMatchObject({ text: 'plain', inputTokens: 7, outputTokens: 3 });
    expect(model.requests.at(-1)?.body.tools).toBeUndefined();
    expect(model.requests.at(-1)?.body.system).toBe('Be brief.');
  });

  it('counts its model calls with their tokens by the model that answered, and its tool calls by tool', async () => {
    const value = async (name: string, labels: Record<string, string>) =>
      (await metrics.registry.getSingleMetric(name)!.get()).values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value ?? 0;
    const before = { input: await value('agent_model_tokens_total', { type: 'input' }), recall: await value('agent_tool_calls_total', { tool: 'recall', outcome: 'ok' }) };
    model.script([{ toolUses: [{ name: 'recall', input: { query: 'x' } }], usage: { input_tokens: 5, output_tokens: 1 } }, { text: 'done', usage: { input_tokens: 11, output_tokens: 2 } }]);
    await configured().run(run, agent, options());
    expect(await value('agent_model_tokens_total', { type: 'input' })).toBe(before.input + 16);
    expect(await value('agent_tool_calls_total', { tool: 'recall', outcome: 'ok' })).toBe(before.recall + 1);
    const calls = (await metrics.registry.getSingleMetric('agent_model_call_duration_seconds')!.get()).values.filter((v) => (v as { metricName?: string }).metricName?.endsWith('_count'));
    expect(calls.find((v) => v.labels.outcome === 'ok')?.value).toBeGreaterThanOrEqual(2);
  });

  it("offers the MCP servers' tools beside its own, routes their calls to them, records each with its server, and closes them", async () => {
    const closed: string[] = [];
    const mcp = { open: jest.fn(async () => weatherSession(closed)) } as unknown as McpToolbox;
    model.script([{ toolUses: [{ name: 'weather__forecast', input: { city: 'Oslo' } }] }, { text: 'It will rain.' }]);
    const before = calls.length;
    const result = await configured(mcp).run(run, agent, options());
    const first = model.requests.at(-2)!.body;
    expect(first.tools?.map((t) => t.name)).toEqual(['remember', 'recall', 'weather__forecast']);
    // The model is told which servers are missing, so it can say so rather than guess.
    expect(String(first.system)).toContain('MCP server down: connect ECONNREFUSED');
    expect(JSON.stringify(model.requests.at(-1)!.body.messages.at(-1))).toContain('rain in Oslo');
    expect(result.toolCalls).toEqual([{ id: expect.any(String), name: 'weather__forecast', input: { city: 'Oslo' }, output: 'rain in Oslo', is_error: false, server: 'weather' }]);
    expect(calls.length).toBe(before); // not the agent's own tools
    expect(closed).toEqual(['closed']);
  });
});
