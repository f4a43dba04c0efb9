import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MemoryEventTypes, Topics, type CreateMemoryRequest, type MemoryView } from '@hb/contracts';
import { Outbox } from '@hb/platform';
import { EMBEDDING_PROVIDER, type EmbeddingProvider } from '../../embeddings/embedding-provider';
import { VECTOR_INDEX, type VectorIndex } from '../../search/vector-index';
import { vectorEntry } from '../vector-entry';
import { MemoriesRepository } from '../memories.repository';
import { assertMetadataSize, memoryView, sizeOf } from '../memory.view';

export function newMemoryId(): string {
  return `mem_${randomBytes(12).toString('base64url').replace(/[-_]/g, '').slice(0, 16)}`;
}

@Injectable()
export class CreateMemoryUseCase {
  constructor(
    private readonly memories: MemoriesRepository,
    private readonly outbox: Outbox,
    @Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider,
    @Inject(VECTOR_INDEX) private readonly vectors: VectorIndex,
  ) {}

  /** The memory is searchable when this returns: its vector is written in the same transaction. */
  async execute(input: CreateMemoryRequest): Promise<MemoryView> {
    assertMetadataSize(input.metadata);
    const fields = { content: input.content, tags: input.tags ?? [], metadata: input.metadata ?? {} };
    const sizeBytes = sizeOf(fields);
    const [vector] = await this.embeddings.embed([input.content]);
    const memory = await this.outbox.transaction(async (manager, emit) => {
      await this.memories.changeUsage(manager, input.tenantId, { memories: 1, storageBytes: sizeBytes }, input.quota);
      const saved = await this.memories.insert(manager, {
        id: newMemoryId(),
        tenantId: input.tenantId,
        agentId: input.agentId ?? null,
        type: input.type,
        importance: input.importance ?? 0.5,
        sizeBytes,
        ...fields,
      });
      await this.vectors.write(manager, vectorEntry(saved, vector));
      emit({
        topic: Topics.MemoryEvents,
        aggregateId: saved.id,
        tenantId: saved.tenantId,
        type: MemoryEventTypes.Created,
        payload: { ...memoryView(saved), tenantId: saved.tenantId },
      });
      return saved;
    });
    await this.vectors.publish(vectorEntry(memory, vector));
    return memoryView(memory);
  }
}
