import { fuse, relevanceOf, semanticScore } from './relevance';

describe('relevance', () => {
  it('maps similarity 0.3 to 0 and 0.8 or more to 1', () => {
    expect(semanticScore(0.3)).toBe(0);
    expect(semanticScore(0.55)).toBeCloseTo(0.5);
    expect(semanticScore(0.95)).toBe(1);
  });

  it('takes the stronger of semantic and lexical evidence', () => {
    expect(relevanceOf(0.35, 3, 3)).toBe(1);
    expect(relevanceOf(0.8, 0, 3)).toBe(1);
    expect(relevanceOf(undefined, 1, 4)).toBe(0.25);
  });

  it('ranks an id found by both lists above ids found by one', () => {
    const scores = fuse([
      ['a', 'b', 'c'],
      ['c', 'd'],
    ]);
    const ranked = [...scores.entries()].sort((x, y) => y[1] - x[1]).map(([id]) => id);
    expect(ranked[0]).toBe('c');
  });
});
