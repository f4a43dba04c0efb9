import { Injectable } from '@nestjs/common';
import { MemoryCommands, type MemorySearchResponse } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import type { SearchMemoriesDto } from '../dto/search-memories.dto';

@Injectable()
export class SearchMemoriesUseCase {
  constructor(private readonly commands: CommandClient) {}

  execute(tenantId: string, body: SearchMemoriesDto): Promise<MemorySearchResponse> {
    return this.commands.request(
      MemoryCommands.Search,
      { tenantId, query: body.query, limit: body.limit ?? 20, type: body.type, minRelevance: body.minRelevance, tags: body.tags },
      { tenantId },
    );
  }
}
