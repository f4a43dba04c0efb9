import { Injectable } from '@nestjs/common';
import type { CreateMemoryRequest, MemoryView } from '@hb/contracts';
import { assertMetadataSize } from '../memory.view';
import { MemoryWriter } from '../memory-writer';

@Injectable()
export class CreateMemoryUseCase {
  constructor(private readonly writer: MemoryWriter) {}

  /** The memory is searchable when this returns: its vector is written in the same transaction. */
  async execute(input: CreateMemoryRequest): Promise<MemoryView> {
    assertMetadataSize(input.metadata);
    const [memory] = await this.writer.insert(input, [input]);
    return memory;
  }
}
