import { findPatterns, type PatternInput } from './patterns';

function aMemory(id: string, overrides: Partial<PatternInput> = {}): PatternInput {
  const vector = Array.from({ length: 8 }, (_, i) => (i === Number(id.slice(-1)) % 8 ? 1 : 0));
  return { id, content: `memory ${id}`, tags: [], createdAt: new Date(Date.UTC(2026, 0, 5, 9)), vector, ...overrides };
}

describe(findPatterns.name, () => {
  const espresso = [1, 0, 0, 0, 0, 0, 0, 0];
  const planted = [
    aMemory('m1', { content: 'Descaled the espresso machine', vector: espresso, tags: ['billing', 'urgent'] }),
    aMemory('m2', { content: 'Espresso machine needs descaling again', vector: [0.95, 0.05, 0, 0, 0, 0, 0, 0], tags: ['urgent', 'billing'] }),
    aMemory('m3', { content: 'Ordered descaler for the espresso machine', vector: [0.9, 0.1, 0, 0, 0, 0, 0, 0], tags: ['billing', 'urgent', 'ops'] }),
    aMemory('m4', { content: 'Quarterly taxes filed', vector: [0, 0, 0, 1, 0, 0, 0, 0], tags: ['finance'] }),
  ];

  it('finds a theme of similar memories, labelled by their common words', () => {
    const { themes } = findPatterns(planted, 3);
    expect(themes).toEqual([{ label: expect.stringContaining('espresso'), occurrences: 3, memoryIds: ['m1', 'm2', 'm3'] }]);
  });

  it('finds a recurring tag combination', () => {
    const { tagCombinations } = findPatterns(planted, 3);
    expect(tagCombinations).toEqual([{ tags: ['billing', 'urgent'], occurrences: 3, memoryIds: ['m1', 'm2', 'm3'] }]);
  });

  it('finds the weekday and hour that hold the memories', () => {
    const { timeRegularities } = findPatterns(planted, 3);
    expect(timeRegularities).toEqual(
      expect.arrayContaining([
        { kind: 'weekday', value: 'Monday', occurrences: 4, memoryIds: ['m1', 'm2', 'm3', 'm4'] },
        { kind: 'hour', value: 9, occurrences: 4, memoryIds: ['m1', 'm2', 'm3', 'm4'] },
      ]),
    );
  });

  it('reports nothing below minOccurrences', () => {
    const result = findPatterns(planted, 5);
    expect(result).toEqual({ themes: [], tagCombinations: [], timeRegularities: [] });
  });

  it('answers the same whatever order the memories come in', () => {
    expect(findPatterns([...planted].reverse(), 3)).toEqual(findPatterns(planted, 3));
  });
});
