import { Inject, Injectable } from '@nestjs/common';
import { MemoryEventTypes, type MemoryQuota, type MemoryView, type NewMemory } from '@hb/contracts';
import { Metrics, Outbox, prefixedId, type Counter } from '@hb/platform';
import { EMBEDDING_PROVIDER, embedInSpan, type EmbeddingProvider } from '../embeddings/embedding-provider';
import { VECTOR_INDEX, type VectorIndex } from '../search/vector-index';
import { MemoriesRepository } from './memories.repository';
import { memoryChanged, memoryView, sizeOf } from './memory.view';
import { vectorEntry } from './vector-entry';

export interface MemoryOwner {
  tenantId: string;
  agentId?: string;
  quota?: MemoryQuota;
  /** For a single create: the client's Idempotency-Key (see CreateMemoryUseCase). */
  idempotencyKey?: string;
}

/**
 * Stores new memories, one or a batch, searchable when it returns: their texts embedded in one
 * call, then one transaction holding the quota check for all of them, the rows and their vectors
 * (one statement each) and a memory.created event each.
 */
@Injectable()
export class MemoryWriter {
  private readonly written: Counter;

  constructor(
    private readonly memories: MemoriesRepository,
    private readonly outbox: Outbox,
    @Inject(EMBEDDING_PROVIDER) private readonly embeddings: EmbeddingProvider,
    @Inject(VECTOR_INDEX) private readonly vectors: VectorIndex,
    metrics: Metrics,
  ) {
    this.written = metrics.counter('memory_memories_written_total', 'Memories stored (single creates, batches, and what agents remember).');
  }

  async insert(owner: MemoryOwner, items: NewMemory[]): Promise<MemoryView[]> {
    const rows = items.map((item) => {
      const fields = { content: item.content, tags: item.tags ?? [], metadata: item.metadata ?? {} };
      return { ...fields, type: item.type, importance: item.importance ?? 0.5, sizeBytes: sizeOf(fields) };
    });
    const vectors = await embedInSpan(this.embeddings, items.map((item) => item.content), 'document');
    const delta = { memories: rows.length, storageBytes: rows.reduce((n, row) => n + row.sizeBytes, 0) };
    const saved = await this.outbox.transaction(async (manager, emit) => {
      await this.memories.changeUsage(manager, owner.tenantId, delta, owner.quota);
      const stored = await this.memories.insertMany(
        manager,
        rows.map((row) => ({
          id: prefixedId('mem'),
          tenantId: owner.tenantId,
          agentId: owner.agentId ?? null,
          idempotencyKey: owner.idempotencyKey ?? null,
          ...row,
        })),
      );
      await this.vectors.write(manager, stored.map((memory, i) => vectorEntry(memory, vectors[i])));
      for (const memory of stored) emit(memoryChanged(MemoryEventTypes.Created, memory));
      return stored;
    });
    await this.vectors.publish(saved.map((memory, i) => vectorEntry(memory, vectors[i])));
    this.written.inc(saved.length);
    return saved.map(memoryView);
  }
}
