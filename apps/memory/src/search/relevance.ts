/**
 * How search ranks and how relevance (0–1) is derived, so that minRelevance means the same thing
 * for every query and every model.
 *
 * Ranking (measured on the labelled conversations in bench/, `retrieval-quality`): with e5-small-v2
 * the dense list alone beats the lexical one by far, and reciprocal-rank fusion, which counts a
 * lexical rank as much as a dense one, lost recall to it (0.701 against 0.754 at 10), most on
 * questions worded unlike their answer. So the dense cosine leads and BM25 adds a bounded bonus,
 * LEXICAL_WEIGHT × s / (s + LEXICAL_HALF): a strong match of rare words lifts a memory by up to
 * one typical gap between an answer and its neighbours, a weak match of common words barely
 * moves it (0.766 at 10). A memory only the lexical side found starts from the dense list's last
 * score.
 *
 * Relevance: the larger of
 * - semantic: the cosine mapped linearly from the model's range (unrelated → 0, close paraphrase → 1);
 * - lexical: the share of the query's distinct stemmed words that the memory contains.
 */
export const LEXICAL_WEIGHT = 0.03;
export const LEXICAL_HALF = 5;

/** Where a model's cosines fall: texts on unrelated topics near `unrelated`, close paraphrases at `close`. */
export interface SimilarityRange {
  unrelated: number;
  close: number;
}

/**
 * e5-small-v2's cosines sit in a compressed range. Measured: a question and its evidence on bench/'s
 * conversations p5 0.77, p50 0.82, p95 0.88; unrelated sentences 0.71–0.72; a paraphrase sharing
 * no word ("client likes e-mail contact" / "Customer prefers email communication over Slack")
 * 0.84; the same fact reworded ("prefers green tea over coffee" / "prefers tea over coffee") 0.87.
 */
export const E5_RANGE: SimilarityRange = { unrelated: 0.75, close: 0.87 };
/** For models of unknown calibration (HTTP providers): the spread of most sentence encoders. */
export const DEFAULT_RANGE: SimilarityRange = { unrelated: 0.3, close: 0.8 };

export function semanticScore(similarity: number, range: SimilarityRange): number {
  return clamp((similarity - range.unrelated) / (range.close - range.unrelated));
}

export function lexicalScore(matchedTerms: number, queryTerms: number): number {
  return queryTerms === 0 ? 0 : clamp(matchedTerms / queryTerms);
}

export function relevanceOf(similarity: number | undefined, matchedTerms: number, queryTerms: number, range: SimilarityRange): number {
  const score = Math.max(similarity === undefined ? 0 : semanticScore(similarity, range), lexicalScore(matchedTerms, queryTerms));
  return Math.round(score * 1000) / 1000;
}

/** The fused ranking of the dense hits (best first) and the BM25 hits, best first; `weight` is for measuring others. */
export function fuse(dense: Array<{ id: string; similarity: number }>, lexical: Array<{ id: string; score: number }>, weight = LEXICAL_WEIGHT): string[] {
  const floor = dense.length ? Math.min(...dense.map((hit) => hit.similarity)) : 0;
  const scores = new Map(dense.map((hit) => [hit.id, hit.similarity]));
  for (const hit of lexical) scores.set(hit.id, (scores.get(hit.id) ?? floor) + (weight * hit.score) / (hit.score + LEXICAL_HALF));
  return [...scores.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
