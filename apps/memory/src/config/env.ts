import { IsIn, IsUrl, ValidateIf } from 'class-validator';
import { BaseEnv, loadConfig } from '@hb/platform';

export class MemoryEnv extends BaseEnv {
  override PORT = 3003;

  /** Where vectors are searched: pgvector in the service's Postgres (default) or Qdrant. */
  @IsIn(['pgvector', 'qdrant'])
  VECTOR_BACKEND: 'pgvector' | 'qdrant' = 'pgvector';

  @ValidateIf((env: MemoryEnv) => env.VECTOR_BACKEND === 'qdrant')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'QDRANT_URL must be an http(s) URL when VECTOR_BACKEND is qdrant' })
  QDRANT_URL?: string;
}

/** The one place this app reads process.env. */
export function loadEnv(): MemoryEnv {
  return loadConfig(MemoryEnv, process.env);
}
