import { DomainError, ErrorCodes, MAX_METADATA_BYTES, MemoryEventTypes, Topics, type MemoryView } from '@hb/contracts';
import type { PendingEvent } from '@hb/platform';
import type { MemoryEntity } from './memory.entity';

export function memoryView(memory: MemoryEntity): MemoryView {
  return {
    id: memory.id,
    content: memory.content,
    type: memory.type,
    importance: memory.importance,
    tags: memory.tags,
    metadata: memory.metadata,
    ...(memory.agentId ? { agentId: memory.agentId } : {}),
    createdAt: memory.createdAt.toISOString(),
    updatedAt: memory.updatedAt.toISOString(),
  };
}

/** memory.created or memory.updated: the memory as spec 003 shows it, with its tenant. */
export function memoryChanged(type: typeof MemoryEventTypes.Created | typeof MemoryEventTypes.Updated, memory: MemoryEntity): PendingEvent {
  return { topic: Topics.MemoryEvents, aggregateId: memory.id, tenantId: memory.tenantId, type, payload: { ...memoryView(memory), tenantId: memory.tenantId } };
}

/** Bytes a memory counts against storage: its content, tags and metadata as stored. */
export function sizeOf(memory: Pick<MemoryEntity, 'content' | 'tags' | 'metadata'>): number {
  return (
    Buffer.byteLength(memory.content) +
    memory.tags.reduce((n, tag) => n + Buffer.byteLength(tag), 0) +
    Buffer.byteLength(JSON.stringify(memory.metadata))
  );
}

export function assertMetadataSize(metadata: Record<string, unknown> | undefined): void {
  if (metadata && Buffer.byteLength(JSON.stringify(metadata)) > MAX_METADATA_BYTES) {
    throw new DomainError(ErrorCodes.ValidationError, `metadata must be at most ${MAX_METADATA_BYTES} bytes as JSON`, 'metadata');
  }
}
