import type { MemorySearchResult, MemoryView } from '@hb/contracts';

/** A memory as spec 000 shows it. */
export interface AgentMemoryView {
  id: string;
  type: string;
  content: string;
  confidence: number;
  source_conversation: string | null;
  created_at: string;
}

/**
 * The Agent API's memory shape. Confidence and the source conversation are what the agent runtime
 * records in a memory's metadata when it stores one; a memory made another way falls back to its
 * importance and no conversation.
 */
export function agentMemoryView(memory: MemoryView | MemorySearchResult): AgentMemoryView {
  const metadata = memory.metadata;
  const confidence = typeof metadata.confidence === 'number' ? metadata.confidence : memory.importance;
  const source = typeof metadata.source_conversation === 'string' ? metadata.source_conversation : null;
  return { id: memory.id, type: memory.type, content: memory.content, confidence, source_conversation: source, created_at: memory.createdAt };
}
