import { DEFAULT_RANGE } from '../search/relevance';
import type { EmbeddingProvider, EmbeddingPurpose } from './embedding-provider';

export interface HttpEmbeddingOptions {
  /** Base URL of an OpenAI-compatible API (Voyage, OpenAI, a local server): POST {url}/embeddings. */
  url: string;
  apiKey?: string;
  model: string;
  dimensions: number;
  timeoutMs?: number;
}

interface EmbeddingsResponse {
  data?: Array<{ index: number; embedding: number[] }>;
}

/** Embeddings from an OpenAI-compatible HTTP endpoint, one request per batch of texts. */
export class HttpEmbeddingProvider implements EmbeddingProvider {
  readonly dimensions: number;
  readonly model: string;
  readonly similarityRange = DEFAULT_RANGE;

  constructor(private readonly options: HttpEmbeddingOptions) {
    this.dimensions = options.dimensions;
    this.model = options.model;
  }

  /** The purpose is not sent: OpenAI-compatible APIs take no such field. */
  async embed(texts: string[], _purpose?: EmbeddingPurpose): Promise<number[][]> {
    const res = await fetch(`${this.options.url.replace(/\/$/, '')}/embeddings`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(this.options.apiKey ? { Authorization: `Bearer ${this.options.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: this.options.model, input: texts }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
    });
    if (!res.ok) throw new Error(`embedding provider answered ${res.status}`);
    const body = (await res.json()) as EmbeddingsResponse;
    const vectors = [...(body.data ?? [])].sort((a, b) => a.index - b.index).map((item) => item.embedding);
    if (vectors.length !== texts.length || vectors.some((v) => v.length !== this.dimensions)) {
      throw new Error(`embedding provider returned ${vectors.length} vectors for ${texts.length} texts, or not ${this.dimensions} dimensions`);
    }
    return vectors;
  }
}
