import { Inject, Injectable } from '@nestjs/common';
import { MemoryCommands, MemoryEventTypes, Topics, type MemoryRef } from '@hb/contracts';
import { OnCommand, Outbox } from '@hb/platform';
import { VECTOR_INDEX, type VectorIndex } from '../../search/vector-index';
import { MemoriesRepository } from '../memories.repository';

@Injectable()
export class DeleteMemoryUseCase {
  constructor(
    private readonly memories: MemoriesRepository,
    private readonly outbox: Outbox,
    @Inject(VECTOR_INDEX) private readonly vectors: VectorIndex,
  ) {}

  @OnCommand(MemoryCommands.Delete)
  async execute(ref: MemoryRef): Promise<{ id: string }> {
    await this.outbox.transaction(async (manager, emit) => {
      const memory = await this.memories.find(manager, ref, true);
      await this.memories.remove(manager, memory);
      await this.memories.changeUsage(manager, memory.tenantId, { memories: -1, storageBytes: -memory.sizeBytes });
      emit({
        topic: Topics.MemoryEvents,
        aggregateId: memory.id,
        tenantId: memory.tenantId,
        type: MemoryEventTypes.Deleted,
        payload: { id: memory.id, tenantId: memory.tenantId, deletedAt: new Date().toISOString() },
      });
    });
    await this.vectors.remove(ref.id);
    return { id: ref.id };
  }
}
