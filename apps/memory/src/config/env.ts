import { Type } from 'class-transformer';
import { Equals, IsIn, IsInt, IsOptional, IsString, IsUrl, ValidateIf } from 'class-validator';
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

  /** Embeddings: the offline USE-lite model (default) or an OpenAI-compatible HTTP API. */
  @IsIn(['use-lite', 'http'])
  EMBEDDINGS_PROVIDER: 'use-lite' | 'http' = 'use-lite';

  @ValidateIf((env: MemoryEnv) => env.EMBEDDINGS_PROVIDER === 'http')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'EMBEDDINGS_URL must be an http(s) URL when EMBEDDINGS_PROVIDER is http' })
  EMBEDDINGS_URL?: string;

  @IsOptional() @IsString()
  EMBEDDINGS_API_KEY?: string;

  @ValidateIf((env: MemoryEnv) => env.EMBEDDINGS_PROVIDER === 'http')
  @IsString({ message: 'EMBEDDINGS_MODEL is required when EMBEDDINGS_PROVIDER is http' })
  EMBEDDINGS_MODEL?: string;

  /** The vector column is 512 wide; another width needs a migration of its own first. */
  @ValidateIf((env: MemoryEnv) => env.EMBEDDINGS_PROVIDER === 'http')
  @Type(() => Number) @IsInt() @Equals(512, { message: 'EMBEDDINGS_DIMENSIONS must be 512 (the width of the stored vectors)' })
  EMBEDDINGS_DIMENSIONS = 512;
}

/** The one place this app reads process.env. */
export function loadEnv(): MemoryEnv {
  return loadConfig(MemoryEnv, process.env);
}
