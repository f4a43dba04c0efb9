import { SpanKind, inSpan } from '@hb/platform';
import type { SimilarityRange } from '../search/relevance';

/**
 * What a text is embedded for. Asymmetric models (e5) embed a question and the passage that
 * answers it differently; symmetric ones ignore it.
 */
export type EmbeddingPurpose = 'query' | 'document';

/** Turns texts into unit-length vectors; adapters: e5-small-v2 in process (default), HTTP APIs. */
export interface EmbeddingProvider {
  readonly dimensions: number;
  /** Recorded beside every stored vector: a change of model is a re-embedding, not a mix. */
  readonly model: string;
  /** Where this model's cosines fall, for relevance and the intelligence thresholds. */
  readonly similarityRange: SimilarityRange;
  embed(texts: string[], purpose: EmbeddingPurpose): Promise<number[][]>;
  /** Resolves once the model can embed; rejects if it cannot load. */
  whenReady?(): Promise<void>;
  close?(): Promise<void>;
}

export const EMBEDDING_PROVIDER = Symbol('EMBEDDING_PROVIDER');

/** An embedding as the GenAI conventions' embeddings span (the model runs in this process). */
export function embedInSpan(embeddings: EmbeddingProvider, texts: string[], purpose: EmbeddingPurpose): Promise<number[][]> {
  const attributes = { 'gen_ai.operation.name': 'embeddings', 'gen_ai.request.model': embeddings.model };
  return inSpan(`embeddings ${embeddings.model}`, { kind: SpanKind.INTERNAL, attributes }, () => embeddings.embed(texts, purpose));
}
