import { parseExtraction } from './memory-extraction';

describe(parseExtraction.name, () => {
  it('reads the memories of a JSON answer, even wrapped in prose', () => {
    const text = 'Here you go:\n{"memories": [{"content": " Prefers tea ", "type": "semantic", "confidence": 0.8}, {"content": "Chose Postgres", "type": "decision"}]}';
    expect(parseExtraction(text)).toEqual([
      { content: 'Prefers tea', type: 'semantic', confidence: 0.8 },
      { content: 'Chose Postgres', type: 'decision', confidence: 0.7 },
    ]);
  });

  it('keeps unknown types as semantic, clamps confidence, caps the count at five', () => {
    const memories = Array.from({ length: 7 }, (_, i) => ({ content: `m${i}`, type: 'gossip', confidence: 3 }));
    const parsed = parseExtraction(JSON.stringify({ memories }));
    expect(parsed).toHaveLength(5);
    expect(parsed[0]).toEqual({ content: 'm0', type: 'semantic', confidence: 1 });
  });

  it('finds no memory in an unreadable or empty answer', () => {
    expect(parseExtraction('nothing to remember')).toEqual([]);
    expect(parseExtraction('{"memories": "none"}')).toEqual([]);
    expect(parseExtraction('{"memories": [{"content": ""}, {"type": "semantic"}]}')).toEqual([]);
  });
});
