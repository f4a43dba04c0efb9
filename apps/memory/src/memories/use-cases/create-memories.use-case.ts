import { Injectable } from '@nestjs/common';
import {
  DomainError,
  MemoryCommands,
  type BatchItemResult,
  type CreateMemoriesRequest,
  type CreateMemoriesResponse,
} from '@hb/contracts';
import { OnCommand } from '@hb/platform';
import { assertMetadataSize } from '../memory.view';
import { MemoryWriter } from '../memory-writer';

/**
 * The batch create: each memory checked by the create's rules and answered on its own line; the
 * valid ones stored together, with one quota check for all of them (a batch that would pass the
 * quota is refused whole, so an import never stops half-way without saying so).
 */
@Injectable()
export class CreateMemoriesUseCase {
  constructor(private readonly writer: MemoryWriter) {}

  @OnCommand(MemoryCommands.CreateBatch)
  async execute(input: CreateMemoriesRequest): Promise<CreateMemoriesResponse> {
    const results: BatchItemResult[] = [];
    const valid: Array<{ index: number; item: CreateMemoriesRequest['memories'][number] }> = [];
    input.memories.forEach((item, index) => {
      try {
        assertMetadataSize(item.metadata);
        valid.push({ index, item });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push({ index, status: 'failed', error: { ...error.toDetail(), field: `memories[${index}].${error.field}` } });
      }
    });
    const stored = valid.length ? await this.writer.insert(input, valid.map((v) => v.item)) : [];
    stored.forEach((memory, i) => results.push({ index: valid[i].index, status: 'created', memory }));
    results.sort((a, b) => a.index - b.index);
    return { created: stored.length, failed: results.length - stored.length, results };
  }
}
