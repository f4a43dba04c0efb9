import { Inject, Injectable } from '@nestjs/common';
import { MemoryCommands, MemoryEventTypes, type MemoryView, type UpdateMemoryRequest } from '@hb/contracts';
import { OnCommand, Outbox } from '@hb/platform';
import { EMBEDDING_PROVIDER, type EmbeddingProvider } from '../../embeddings/embedding-provider';
import { VECTOR_INDEX, type VectorIndex } from '../../search/vector-index';
import { vectorEntry } from '../vector-entry';
import { MemoriesRepository } from '../memories.repository';
import { assertMetadataSize, memoryChanged, memoryView, sizeOf } from '../memory.view';

@Injectable()
export class UpdateMemoryUseCase {
  constructor(
    private readonly memories: MemoriesRepository,
    private readonly outbox: Outbox,
    @Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider,
    @Inject(VECTOR_INDEX) private readonly vectors: VectorIndex,
  ) {}

  @OnCommand(MemoryCommands.Update)
  async execute(input: UpdateMemoryRequest): Promise<MemoryView> {
    assertMetadataSize(input.metadata);
    const vector = input.content === undefined ? undefined : (await this.embeddings.embed([input.content], 'document'))[0];
    const memory = await this.outbox.transaction(async (manager, emit) => {
      const current = await this.memories.find(manager, input, true);
      if (input.content !== undefined) current.content = input.content;
      if (input.importance !== undefined) current.importance = input.importance;
      if (input.tags !== undefined) current.tags = input.tags;
      if (input.metadata !== undefined) current.metadata = input.metadata;
      const sizeBytes = sizeOf(current);
      await this.memories.changeUsage(manager, current.tenantId, { memories: 0, storageBytes: sizeBytes - current.sizeBytes }, input.quota);
      current.sizeBytes = sizeBytes;
      const saved = await this.memories.save(manager, current);
      if (vector) await this.vectors.write(manager, [vectorEntry(saved, vector)]);
      emit(memoryChanged(MemoryEventTypes.Updated, saved));
      return saved;
    });
    if (vector) await this.vectors.publish([vectorEntry(memory, vector)]);
    return memoryView(memory);
  }
}
