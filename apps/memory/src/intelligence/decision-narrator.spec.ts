import type { DecisionStep } from '@hb/contracts';
import { ModelEnv, loadConfig, modelProviderFor } from '@hb/platform';
import { ScriptedAnthropic } from '@hb/testing';
import { DecisionNarrator } from './decision-narrator';

const steps: DecisionStep[] = [
  { id: 'mem_1', content: 'Churn rose 4% in Q3', type: 'episodic', createdAt: '2025-10-01T09:00:00.000Z', relevance: 0.8, isDecision: false, ledFrom: null, linkReasons: [] },
  { id: 'mem_2', content: 'Decided to focus Q4 on retention', type: 'decision', createdAt: '2025-10-08T09:00:00.000Z', relevance: 0.9, isDecision: true, ledFrom: 'mem_1', linkReasons: ['similar content'] },
];

describe(DecisionNarrator.name, () => {
  const model = new ScriptedAnthropic();

  async function narrator(): Promise<DecisionNarrator> {
    const env = loadConfig(ModelEnv, { PORT: '1', ANTHROPIC_BASE_URL: model.url, ANTHROPIC_MODEL: 'scripted-model' });
    return new DecisionNarrator(modelProviderFor(env));
  }

  beforeAll(() => model.start());
  afterAll(() => model.stop());

  it("asks the configured model with the chain's notes in time order and returns its text", async () => {
    model.script([{ text: ' Churn rose [mem_1], so Q4 went to retention [mem_2]. ' }]);
    const narrative = await (await narrator()).narrate('Q4 strategy', steps);
    expect(narrative).toBe('Churn rose [mem_1], so Q4 went to retention [mem_2].');
    const { body } = model.requests.at(-1)!;
    expect(body.model).toBe('scripted-model');
    const prompt = String(body.messages[0].content);
    expect(prompt).toContain('Topic: Q4 strategy');
    expect(prompt.indexOf('[mem_1]')).toBeLessThan(prompt.indexOf('[mem_2]'));
    expect(prompt).toContain('[mem_2] 2025-10-08T09:00:00.000Z (decision, follows mem_1): Decided to focus Q4 on retention');
  });

  it('has no narrative without a model, or for an empty chain, and asks nothing', async () => {
    const asked = model.requests.length;
    expect(await new DecisionNarrator(null).narrate('Q4 strategy', steps)).toBeNull();
    expect(await (await narrator()).narrate('Q4 strategy', [])).toBeNull();
    expect(model.requests).toHaveLength(asked);
  });

  it('answers without a narrative when the model fails', async () => {
    model.script([{ error: { status: 500, type: 'api_error', message: 'boom' } }]);
    expect(await (await narrator()).narrate('Q4 strategy', steps)).toBeNull();
  });
});
