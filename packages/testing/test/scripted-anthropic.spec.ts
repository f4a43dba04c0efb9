import Anthropic from '@anthropic-ai/sdk';
import { ScriptedAnthropic } from '../src';

describe('scripted Anthropic-compatible server, driven by the real SDK', () => {
  const server = new ScriptedAnthropic();
  let client: Anthropic;

  beforeAll(async () => {
    client = new Anthropic({ apiKey: 'test', baseURL: await server.start(), maxRetries: 0 });
  });
  afterAll(() => server.stop());

  it('answers a message with text and usage, and records the request', async () => {
    server.script([{ text: 'Hello there', usage: { input_tokens: 12, output_tokens: 3 } }]);
    const message = await client.messages.create({ model: 'm', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
    expect(message.content).toEqual([{ type: 'text', text: 'Hello there' }]);
    expect(message.usage).toMatchObject({ input_tokens: 12, output_tokens: 3 });
    expect(server.requests.at(-1)?.body.messages).toEqual([{ role: 'user', content: 'Hi' }]);
  });

  it('answers a tool_use turn', async () => {
    server.script([{ toolUses: [{ name: 'recall', input: { query: 'x' } }] }]);
    const message = await client.messages.create({ model: 'm', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content[0]).toMatchObject({ type: 'tool_use', name: 'recall', input: { query: 'x' } });
  });

  it('streams text and tool input the SDK reassembles', async () => {
    server.script([{ text: 'A streamed answer', toolUses: [{ name: 'remember', input: { content: 'c' } }] }]);
    const stream = client.messages.stream({ model: 'm', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const message = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('A streamed answer');
    expect(message.content[1]).toMatchObject({ type: 'tool_use', name: 'remember', input: { content: 'c' } });
  });

  it('answers errors in Anthropic’s shape', async () => {
    server.script([{ error: { status: 529, type: 'overloaded_error', message: 'Overloaded' } }]);
    await expect(client.messages.create({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'Hi' }] })).rejects.toMatchObject({
      status: 529,
    });
  });
});
