/**
 * How relevance (0–1) is derived, so that minRelevance means the same thing for every query:
 * - semantic: the embedding's cosine similarity mapped linearly from [0.3, 0.8] to [0, 1] (for this
 *   model, unrelated sentences sit near 0.3 and close paraphrases above 0.7);
 * - lexical: the share of the query's distinct stemmed words that the memory contains;
 * - relevance is the larger of the two: a memory is as relevant as its strongest evidence.
 * Ranking itself is by reciprocal-rank fusion of the two lists; relevance only filters and informs.
 */
export const SEMANTIC_FLOOR = 0.3;
export const SEMANTIC_CEILING = 0.8;

export function semanticScore(similarity: number): number {
  return clamp((similarity - SEMANTIC_FLOOR) / (SEMANTIC_CEILING - SEMANTIC_FLOOR));
}

export function lexicalScore(matchedTerms: number, queryTerms: number): number {
  return queryTerms === 0 ? 0 : clamp(matchedTerms / queryTerms);
}

export function relevanceOf(similarity: number | undefined, matchedTerms: number, queryTerms: number): number {
  const score = Math.max(similarity === undefined ? 0 : semanticScore(similarity), lexicalScore(matchedTerms, queryTerms));
  return Math.round(score * 1000) / 1000;
}

/** Reciprocal-rank fusion with k = 10 (measured best on a conversational-memory benchmark). */
export function fuse(lists: string[][], k = 10): Map<string, number> {
  const scores = new Map<string, number>();
  for (const list of lists) {
    list.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + rank + 1)));
  }
  return scores;
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
