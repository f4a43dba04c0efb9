import { Injectable } from '@nestjs/common';
import type { ListMemoriesRequest, MemoryPage } from '@hb/contracts';
import { MemoriesRepository } from '../memories.repository';
import { memoryView } from '../memory.view';
import { MemoryCommands } from '@hb/contracts';
import { OnCommand } from '@hb/platform';

@Injectable()
export class ListMemoriesUseCase {
  constructor(private readonly memories: MemoriesRepository) {}

  @OnCommand(MemoryCommands.List)
  async execute(query: ListMemoriesRequest): Promise<MemoryPage> {
    const { rows, total } = await this.memories.page(query);
    const pages = Math.ceil(total / query.limit);
    return {
      memories: rows.map(memoryView),
      pagination: {
        page: query.page,
        limit: query.limit,
        total,
        pages,
        hasNext: query.page < pages,
        hasPrevious: query.page > 1,
      },
    };
  }
}
