import type { VectorEntry } from '../search/vector-index';
import type { MemoryEntity } from './memory.entity';

export function vectorEntry(memory: MemoryEntity, vector: number[]): VectorEntry {
  return {
    id: memory.id,
    tenantId: memory.tenantId,
    vector,
    agentId: memory.agentId,
    type: memory.type,
    tags: memory.tags,
    createdAt: memory.createdAt,
  };
}
