import { Injectable } from '@nestjs/common';
import { MemoryCommands, type MemoryPage } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import type { ListMemoriesQuery } from '../dto/list-memories.query';

/** Spec 003's list with its defaults: page 1, 50 a page, newest first; tags comma-separated. */
@Injectable()
export class ListMemoriesUseCase {
  constructor(private readonly commands: CommandClient) {}

  execute(tenantId: string, query: ListMemoriesQuery): Promise<MemoryPage> {
    return this.commands.request(
      MemoryCommands.List,
      {
        tenantId,
        page: query.page ?? 1,
        limit: query.limit ?? 50,
        type: query.type,
        tags: query.tags ? query.tags.split(',').map((tag) => tag.trim()).filter(Boolean) : undefined,
        sort: query.sort ?? 'createdAt',
        order: query.order ?? 'desc',
      },
      { tenantId },
    );
  }
}
