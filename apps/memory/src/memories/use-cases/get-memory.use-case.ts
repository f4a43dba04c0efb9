import { Injectable } from '@nestjs/common';
import type { MemoryRef, MemoryView } from '@hb/contracts';
import { MemoriesRepository } from '../memories.repository';
import { memoryView } from '../memory.view';

@Injectable()
export class GetMemoryUseCase {
  constructor(private readonly memories: MemoriesRepository) {}

  async execute(ref: MemoryRef): Promise<MemoryView> {
    return memoryView(await this.memories.find(undefined, ref));
  }
}
