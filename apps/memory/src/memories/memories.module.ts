import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_ENV, modelProviderFromEnv } from '@hb/platform';
import type { MemoryEnv } from '../config/env';
import { EMBEDDING_PROVIDER, type EmbeddingProvider } from '../embeddings/embedding-provider';
import { embeddingProviderFor } from '../embeddings/embedding-provider.factory';
import { EmbeddingsLifecycle } from '../embeddings/embeddings.lifecycle';
import { LexicalSearch } from '../search/lexical-search.repository';
import { PgVectorIndex } from '../search/pgvector-index.repository';
import { QdrantVectorIndex } from '../search/qdrant-index.repository';
import { SearchMemoriesUseCase } from '../search/use-cases/search-memories.use-case';
import { VECTOR_INDEX } from '../search/vector-index';
import { MemoryVectorsRepository } from '../search/memory-vectors.repository';
import { ReembeddingRepository } from '../reembedding/reembedding.repository';
import { ReembeddingWorker } from '../reembedding/reembedding.worker';
import { BuildDecisionChainUseCase } from '../intelligence/use-cases/build-decision-chain.use-case';
import { DecisionNarrator } from '../intelligence/decision-narrator';
import { FindImplicitPatternsUseCase } from '../intelligence/use-cases/find-implicit-patterns.use-case';
import { HybridSearch } from '../search/hybrid-search';
import { MemoriesRepository } from './memories.repository';
import { CreateMemoriesUseCase } from './use-cases/create-memories.use-case';
import { CreateMemoryUseCase } from './use-cases/create-memory.use-case';
import { MemoryWriter } from './memory-writer';
import { DeleteMemoryUseCase } from './use-cases/delete-memory.use-case';
import { GetMemoryUseCase } from './use-cases/get-memory.use-case';
import { GetTenantUsageUseCase } from './use-cases/get-tenant-usage.use-case';
import { ListMemoriesUseCase } from './use-cases/list-memories.use-case';
import { UpdateMemoryUseCase } from './use-cases/update-memory.use-case';

const USE_CASES = [
  CreateMemoryUseCase,
  CreateMemoriesUseCase,
  GetMemoryUseCase,
  ListMemoriesUseCase,
  UpdateMemoryUseCase,
  DeleteMemoryUseCase,
  GetTenantUsageUseCase,
  SearchMemoriesUseCase,
  FindImplicitPatternsUseCase,
  BuildDecisionChainUseCase,
];

@Module({
  providers: [
    ...USE_CASES,
    MemoriesRepository,
    MemoryWriter,
    LexicalSearch,
    HybridSearch,
    DecisionNarrator,
    EmbeddingsLifecycle,
    ReembeddingRepository,
    MemoryVectorsRepository,
    ReembeddingWorker,
    modelProviderFromEnv,
    {
      provide: EMBEDDING_PROVIDER,
      useFactory: (env: MemoryEnv) => embeddingProviderFor(env),
      inject: [SERVICE_ENV],
    },
    {
      provide: VECTOR_INDEX,
      useFactory: (env: MemoryEnv, dataSource: DataSource, embeddings: EmbeddingProvider) => {
        const space = { model: embeddings.model, dimensions: embeddings.dimensions };
        return env.VECTOR_BACKEND === 'qdrant' ? new QdrantVectorIndex(env.QDRANT_URL!, space) : new PgVectorIndex(dataSource, space);
      },
      inject: [SERVICE_ENV, DataSource, EMBEDDING_PROVIDER],
    },
  ],
})
export class MemoriesModule {}
