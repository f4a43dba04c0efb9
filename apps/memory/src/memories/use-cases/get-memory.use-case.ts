import { Injectable } from '@nestjs/common';
import type { MemoryRef, MemoryView } from '@hb/contracts';
import { MemoriesRepository } from '../memories.repository';
import { memoryView } from '../memory.view';
import { MemoryCommands } from '@hb/contracts';
import { OnCommand } from '@hb/platform';

@Injectable()
export class GetMemoryUseCase {
  constructor(private readonly memories: MemoriesRepository) {}

  @OnCommand(MemoryCommands.Get)
  async execute(ref: MemoryRef): Promise<MemoryView> {
    return memoryView(await this.memories.find(undefined, ref));
  }
}
