import { MEMORY_TYPES } from '@hb/contracts';
import { SAMPLE_COUNT, sampleMemories } from './sample-memories';

describe(sampleMemories.name, () => {
  it('makes the 975 memories of the spec’s test tenant across all 13 types', () => {
    const sut = sampleMemories();
    expect(sut).toHaveLength(SAMPLE_COUNT);
    for (const type of MEMORY_TYPES) expect(sut.filter((m) => m.type === type)).toHaveLength(75);
    expect(new Set(sut.map((m) => m.id)).size).toBe(SAMPLE_COUNT);
  });

  it('makes the same memories every time', () => {
    expect(sampleMemories()).toEqual(sampleMemories());
  });

  it('writes varied, valid content', () => {
    const sut = sampleMemories();
    expect(new Set(sut.map((m) => m.content)).size).toBeGreaterThan(500);
    for (const memory of sut) {
      expect(memory.content.length).toBeGreaterThan(10);
      expect(memory.importance).toBeGreaterThanOrEqual(0);
      expect(memory.importance).toBeLessThanOrEqual(1);
    }
  });
});
