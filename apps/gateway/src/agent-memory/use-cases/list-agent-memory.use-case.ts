import { Injectable } from '@nestjs/common';
import { MemoryCommands } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { agentMemoryView, type AgentMemoryView } from '../agent-memory.view';
import type { AgentMemoryQuery } from '../dto/agent-memory.query';

/** Spec 000's agent memory: a search when a query is given, else the newest memories. */
@Injectable()
export class ListAgentMemoryUseCase {
  constructor(private readonly commands: CommandClient) {}

  async execute(input: { tenantId: string; agentId: string; query: AgentMemoryQuery }): Promise<{ data: AgentMemoryView[]; total: number }> {
    const { tenantId, agentId, query } = input;
    const limit = query.limit ?? 20;
    if (query.query) {
      const found = await this.commands.request(
        MemoryCommands.Search,
        { tenantId, agentId, query: query.query, limit, type: query.type },
        { tenantId },
      );
      return { data: found.results.map(agentMemoryView), total: found.results.length };
    }
    const page = await this.commands.request(
      MemoryCommands.List,
      { tenantId, agentId, page: 1, limit, type: query.type, sort: 'createdAt', order: 'desc' },
      { tenantId },
    );
    return { data: page.memories.map(agentMemoryView), total: page.pagination.total };
  }
}
