import { Inject, Injectable } from '@nestjs/common';
import type { ImplicitPatternsRequest, ImplicitPatternsResponse } from '@hb/contracts';
import { EMBEDDING_PROVIDER, type EmbeddingProvider } from '../../embeddings/embedding-provider';
import { MemoryVectorsRepository } from '../../search/memory-vectors.repository';
import { similarityOn } from '../cosine';
import { findPatterns } from '../patterns';
import { MemoryCommands } from '@hb/contracts';
import { OnCommand } from '@hb/platform';

/** The newest memories analysed; clustering is quadratic in the worst case. */
const ANALYSED = 1000;

/** Spec 003's implicit patterns: recurring themes, tag combinations and times, from stored data only. */
@Injectable()
export class FindImplicitPatternsUseCase {
  constructor(
    private readonly memoryVectors: MemoryVectorsRepository,
    @Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider,
  ) {}

  @OnCommand(MemoryCommands.ImplicitPatterns)
  async execute(input: ImplicitPatternsRequest): Promise<ImplicitPatternsResponse> {
    const memories = await this.memoryVectors.newestWithVectors(input.tenantId, this.embeddings.model, ANALYSED);
    return { ...findPatterns(memories, input.minOccurrences, similarityOn(this.embeddings.similarityRange)), analyzed: memories.length };
  }
}
