import { E5_RANGE, fuse, relevanceOf, semanticScore } from './relevance';

describe('relevance', () => {
  it("maps a model's unrelated cosine to 0 and its close-paraphrase cosine or more to 1", () => {
    expect(semanticScore(0.75, E5_RANGE)).toBe(0);
    expect(semanticScore(0.81, E5_RANGE)).toBeCloseTo(0.5);
    expect(semanticScore(0.95, E5_RANGE)).toBe(1);
    expect(semanticScore(0.5, E5_RANGE)).toBe(0);
  });

  it('takes the stronger of semantic and lexical evidence', () => {
    expect(relevanceOf(0.76, 3, 3, E5_RANGE)).toBe(1);
    expect(relevanceOf(0.87, 0, 3, E5_RANGE)).toBe(1);
    expect(relevanceOf(undefined, 1, 4, E5_RANGE)).toBe(0.25);
  });
});

describe(fuse.name, () => {
  const dense = [
    { id: 'a', similarity: 0.86 },
    { id: 'b', similarity: 0.85 },
    { id: 'c', similarity: 0.8 },
  ];

  it('keeps the dense order when nothing matches lexically', () => {
    expect(fuse(dense, [])).toEqual(['a', 'b', 'c']);
  });

  it('lets a strong match of rare words lift a memory past a close neighbour', () => {
    expect(fuse(dense, [{ id: 'b', score: 12 }])[0]).toBe('b');
  });

  it('does not let a weak lexical match overturn a clear dense lead', () => {
    expect(fuse(dense, [{ id: 'c', score: 1 }])).toEqual(['a', 'b', 'c']);
  });

  it("starts a memory found only by its words from the dense list's last score", () => {
    expect(fuse(dense, [{ id: 'd', score: 0.5 }])).toEqual(['a', 'b', 'd', 'c']);
  });
});
