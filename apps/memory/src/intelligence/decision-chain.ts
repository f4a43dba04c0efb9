import { cosine, type Similarity } from './cosine';
import type { DecisionStep, MemoryType } from '@hb/contracts';

export interface ChainInput {
  id: string;
  content: string;
  type: MemoryType;
  tags: string[];
  metadata: Record<string, unknown>;
  createdAt: Date;
  relevance: number;
  vector: number[];
}

/** A step follows an earlier one when their link score reaches this. */
export const LINK_THRESHOLD = 0.55;
const DECISION_WORDS = /\b(decided|decide|decision|chose|chosen|agreed|approved|selected|settled on|went with)\b/i;

/**
 * Orders the memories in time and links each to the earlier one it most plausibly follows from:
 * cosine similarity of their embeddings, plus 0.1 per shared tag and 0.15 per shared metadata
 * value (the same contact, the same source). Decisions are memories of type decision or whose
 * words say one was taken.
 */
export function buildChain(memories: ChainInput[], similarityOf: Similarity = cosine): DecisionStep[] {
  const ordered = [...memories].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  return ordered.map((memory, i) => {
    let best: { id: string; score: number; reasons: string[] } | null = null;
    for (const earlier of ordered.slice(0, i)) {
      const similarity = similarityOf(memory.vector, earlier.vector);
      const sharedTags = memory.tags.filter((tag) => earlier.tags.includes(tag));
      const sharedMeta = Object.entries(memory.metadata).filter(
        ([key, value]) => value !== null && typeof value !== 'object' && earlier.metadata[key] === value,
      );
      const score = similarity + 0.1 * sharedTags.length + 0.15 * sharedMeta.length;
      if (score >= LINK_THRESHOLD && (!best || score > best.score)) {
        const reasons = [
          ...(similarity >= 0.5 ? ['similar content'] : []),
          ...(sharedTags.length ? [`shared tags: ${sharedTags.join(', ')}`] : []),
          ...sharedMeta.map(([key, value]) => `same ${key}: ${String(value)}`),
        ];
        best = { id: earlier.id, score, reasons: reasons.length ? reasons : ['related content'] };
      }
    }
    return {
      id: memory.id,
      content: memory.content,
      type: memory.type,
      createdAt: memory.createdAt.toISOString(),
      relevance: memory.relevance,
      isDecision: memory.type === 'decision' || DECISION_WORDS.test(memory.content),
      ledFrom: best?.id ?? null,
      linkReasons: best?.reasons ?? [],
    };
  });
}
