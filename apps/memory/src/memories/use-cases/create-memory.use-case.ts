import { Injectable } from '@nestjs/common';
import type { CreateMemoryRequest, MemoryView } from '@hb/contracts';
import { MemoriesRepository } from '../memories.repository';
import { assertMetadataSize, memoryView } from '../memory.view';
import { MemoryWriter } from '../memory-writer';
import { MemoryCommands } from '@hb/contracts';
import { OnCommand } from '@hb/platform';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class CreateMemoryUseCase {
  constructor(
    private readonly writer: MemoryWriter,
    private readonly memories: MemoriesRepository,
  ) {}

  /**
   * The memory is searchable when this returns: its vector is written in the same transaction.
   * With an Idempotency-Key, a retry answers what the first attempt stored, even when both race
   * in at once (the unique index decides; the loser's transaction, quota change included, rolls back).
   */
  @OnCommand(MemoryCommands.Create)
  async execute(input: CreateMemoryRequest): Promise<MemoryView> {
    assertMetadataSize(input.metadata);
    const replayed = await this.replay(input);
    if (replayed) return replayed;
    try {
      const [memory] = await this.writer.insert(input, [input]);
      return memory;
    } catch (error) {
      const raced = (error as { code?: string }).code === UNIQUE_VIOLATION ? await this.replay(input) : undefined;
      if (raced) return raced;
      throw error;
    }
  }

  private async replay(input: CreateMemoryRequest): Promise<MemoryView | undefined> {
    if (!input.idempotencyKey) return undefined;
    const first = await this.memories.findByIdempotencyKey(input.tenantId, input.idempotencyKey);
    return first ? memoryView(first) : undefined;
  }
}
