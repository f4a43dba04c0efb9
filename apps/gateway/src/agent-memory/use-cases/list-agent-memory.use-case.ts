import { Injectable } from '@nestjs/common';
import { AgentCommands, MemoryCommands } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { agentMemoryView, type AgentMemoryView } from '../agent-memory.view';
import type { AgentMemoryQuery } from '../dto/agent-memory.query';

/** Spec 000's agent memory: a search when a query is given, else the newest memories. */
@Injectable()
export class ListAgentMemoryUseCase {
  constructor(private readonly commands: CommandClient) {}

  /** Another tenant's agent, or none, is a 404 like every agent route, not an empty list. */
  async execute(input: { tenantId: string; agentId: string; query: AgentMemoryQuery }): Promise<{ data: AgentMemoryView[]; total: number }> {
    const [, listed] = await Promise.all([
      this.commands.request('agent-runtime', AgentCommands.Get, { tenantId: input.tenantId, agentId: input.agentId }, { tenantId: input.tenantId }),
      this.list(input),
    ]);
    return listed;
  }

  private async list(input: { tenantId: string; agentId: string; query: AgentMemoryQuery }): Promise<{ data: AgentMemoryView[]; total: number }> {
    const { tenantId, agentId, query } = input;
    const limit = query.limit ?? 20;
    if (query.query) {
      const found = await this.commands.request(
        'memory',
        MemoryCommands.Search,
        { tenantId, agentId, query: query.query, limit, type: query.type },
        { tenantId },
      );
      return { data: found.results.map(agentMemoryView), total: found.results.length };
    }
    const page = await this.commands.request(
      'memory',
      MemoryCommands.List,
      { tenantId, agentId, page: 1, limit, type: query.type, sort: 'createdAt', order: 'desc' },
      { tenantId },
    );
    return { data: page.memories.map(agentMemoryView), total: page.pagination.total };
  }
}
