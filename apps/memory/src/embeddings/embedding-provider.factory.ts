import type { MemoryEnv } from '../config/env';
import type { EmbeddingProvider } from './embedding-provider';
import { HttpEmbeddingProvider } from './http-embedding.provider';
import { OnnxEmbeddingProvider } from './onnx/onnx-embedding.provider';

/** The configured provider; the service and the seed command must embed with the same one. */
export function embeddingProviderFor(env: MemoryEnv): EmbeddingProvider {
  return env.EMBEDDINGS_PROVIDER === 'http'
    ? new HttpEmbeddingProvider({ url: env.EMBEDDINGS_URL!, apiKey: env.EMBEDDINGS_API_KEY, model: env.EMBEDDINGS_MODEL!, dimensions: env.EMBEDDINGS_DIMENSIONS! })
    : new OnnxEmbeddingProvider({ dir: env.EMBEDDINGS_MODEL_DIR, threads: env.EMBEDDINGS_THREADS });
}
