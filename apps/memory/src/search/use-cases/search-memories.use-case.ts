import { Injectable } from '@nestjs/common';
import {
  MemoryCommands,
  MemoryEventTypes,
  Topics,
  type MemorySearchResponse,
  type SearchMemoriesRequest,
} from '@hb/contracts';
import { OnCommand, Outbox } from '@hb/platform';
import { HybridSearch } from '../hybrid-search';

/** Spec 003's search: hybrid results in its shape, and a search.performed event. */
@Injectable()
export class SearchMemoriesUseCase {
  constructor(
    private readonly hybrid: HybridSearch,
    private readonly outbox: Outbox,
  ) {}

  // A read: run beside the consumer so concurrent searches share an embedding batch instead of
  // queueing behind one another on their partition; if the process dies, a redelivery within
  // the command's deadline only searches again.
  @OnCommand(MemoryCommands.Search, { detached: true })
  async execute(input: SearchMemoriesRequest): Promise<MemorySearchResponse> {
    const started = performance.now();
    const hits = await this.hybrid.search({
      tenantId: input.tenantId,
      text: input.query,
      limit: input.limit,
      minRelevance: input.minRelevance ?? 0,
      filter: { agentId: input.agentId, type: input.type, tags: input.tags },
    });
    const results = hits.map(({ memory, relevance }) => ({
      id: memory.id,
      content: memory.content,
      type: memory.type,
      relevance,
      importance: memory.importance,
      tags: memory.tags,
      metadata: memory.metadata,
      ...(memory.agentId ? { agentId: memory.agentId } : {}),
      createdAt: memory.createdAt.toISOString(),
    }));
    const latency = Math.round(performance.now() - started);
    this.outbox.announce({
      topic: Topics.MemoryEvents,
      aggregateId: input.tenantId,
      tenantId: input.tenantId,
      type: MemoryEventTypes.SearchPerformed,
      payload: { query: input.query, resultCount: results.length, latency, tenantId: input.tenantId },
    });
    return { results, query: input.query, latency };
  }
}
