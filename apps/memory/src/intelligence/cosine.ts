import { DEFAULT_RANGE, type SimilarityRange } from '../search/relevance';

/** Cosine similarity of two vectors of one length; 0 when either is all zeros. */
export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / (Math.sqrt(na) * Math.sqrt(nb) || 1);
}

export type Similarity = (a: number[], b: number[]) => number;

/**
 * Cosine carried onto the scale the intelligence thresholds are stated in (unrelated texts near
 * 0.3, close paraphrases at 0.8), from the model's own range, so a model with compressed cosines
 * (e5: 0.75 to 0.9) links and clusters as a wider one does.
 */
export function similarityOn(range: SimilarityRange): Similarity {
  const slope = (DEFAULT_RANGE.close - DEFAULT_RANGE.unrelated) / (range.close - range.unrelated);
  return (a, b) => DEFAULT_RANGE.unrelated + (cosine(a, b) - range.unrelated) * slope;
}
