import { homedir } from 'node:os';
import { join } from 'node:path';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { ModelEnv, loadConfig } from '@hb/platform';

/** Model variables (ANTHROPIC_*) are optional: they only add the decision chain's narrative. */
export class MemoryEnv extends ModelEnv {
  override PORT = 3003;

  /** Where vectors are searched: pgvector in the service's Postgres (default) or Qdrant. */
  @IsIn(['pgvector', 'qdrant'])
  VECTOR_BACKEND: 'pgvector' | 'qdrant' = 'pgvector';

  @ValidateIf((env: MemoryEnv) => env.VECTOR_BACKEND === 'qdrant')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'QDRANT_URL must be an http(s) URL when VECTOR_BACKEND is qdrant' })
  QDRANT_URL?: string;

  /** Embeddings: e5-small-v2 run in this process (default, offline) or an OpenAI-compatible HTTP API. */
  @IsIn(['e5-small-v2', 'http'])
  EMBEDDINGS_PROVIDER: 'e5-small-v2' | 'http' = 'e5-small-v2';

  /** The e5-small-v2 files (model.onnx, tokenizer.json); infra/local/models.sh fetches them here. */
  @ValidateIf((env: MemoryEnv) => env.EMBEDDINGS_PROVIDER === 'e5-small-v2')
  @IsString() @MinLength(1)
  EMBEDDINGS_MODEL_DIR = join(homedir(), '.cache/heartbeat-platform/models/e5-small-v2-q');

  /**
   * onnxruntime's threads for one run. Two on a 2-core machine: a query 3.5 ms instead of 4.9,
   * eight at once 13 ms instead of 19, a batch 275 texts/s instead of 166. Set it to the CPUs the
   * service may use (1 where its limit is one CPU).
   */
  @Type(() => Number) @IsInt() @Min(1) @Max(16)
  EMBEDDINGS_THREADS = 2;

  @ValidateIf((env: MemoryEnv) => env.EMBEDDINGS_PROVIDER === 'http')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'EMBEDDINGS_URL must be an http(s) URL when EMBEDDINGS_PROVIDER is http' })
  EMBEDDINGS_URL?: string;

  @IsOptional() @IsString()
  EMBEDDINGS_API_KEY?: string;

  @ValidateIf((env: MemoryEnv) => env.EMBEDDINGS_PROVIDER === 'http')
  @IsString({ message: 'EMBEDDINGS_MODEL is required when EMBEDDINGS_PROVIDER is http' })
  EMBEDDINGS_MODEL?: string;

  /** The HTTP model's vector width; each model's vectors get an index of their own width. */
  @ValidateIf((env: MemoryEnv) => env.EMBEDDINGS_PROVIDER === 'http')
  @Type(() => Number) @IsInt({ message: 'EMBEDDINGS_DIMENSIONS is required when EMBEDDINGS_PROVIDER is http' }) @Min(1) @Max(4000)
  EMBEDDINGS_DIMENSIONS?: number;
}

/** The one place this app reads process.env. */
export function loadEnv(): MemoryEnv {
  return loadConfig(MemoryEnv, process.env);
}
