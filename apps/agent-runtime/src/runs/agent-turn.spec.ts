import { ModelEnv, loadConfig, modelProviderFor } from '@hb/platform';
import { ScriptedAnthropic } from '@hb/testing';
import type { AgentRow } from '../agents/agents.service';
import { AgentTurn } from './agent-turn';
import type { RunRow } from './run-rows';
import type { AgentTools } from './tools';

const agent = { id: 'agt_1', instructions: 'Be brief.', model: null, max_tokens: 100, tools_enabled: true } as AgentRow;
const run = { id: 'run_1', message: 'hi', tenant_id: 't', agent_id: 'agt_1', conversation_id: 'conv_1' } as RunRow;
const options = () => ({ history: [], skills: [], signal: new AbortController().signal, maxRounds: 2 });

describe(AgentTurn.name, () => {
  const model = new ScriptedAnthropic();
  const calls: string[] = [];
  const tools = { call: async (_run: RunRow, name: string) => (calls.push(name), { output: { ok: true }, isError: false }) } as unknown as AgentTools;
  const configured = () => new AgentTurn(modelProviderFor(loadConfig(ModelEnv, { PORT: '1', ANTHROPIC_BASE_URL: model.url })), tools);

  beforeAll(() => model.start());
  afterAll(() => model.stop());

  it('fails with model_not_configured, naming the variables to set, when no model is configured', async () => {
    await expect(new AgentTurn(null, tools).run(run, agent, options())).rejects.toMatchObject({
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
});
