import { Inject, Injectable, Logger } from '@nestjs/common';
import { MEMORY_TYPES, MemoryCommands, type MemoryType } from '@hb/contracts';
import { CommandClient, MODEL_PROVIDER, type ModelProvider } from '@hb/platform';
import type { AgentRow } from '../agents/agents.service';
import type { RunRow } from './run-rows';

/** A stored memory this close to a new one (relevance, 0–1) is the same memory: updated, not added. */
export const SAME_MEMORY_RELEVANCE = 0.9;
const MAX_MEMORIES_PER_RUN = 5;
const EXTRACTION_MAX_TOKENS = 800;

export const EXTRACTION_SYSTEM = [
  'You extract durable memories from one exchange between a user and an assistant.',
  'Keep only what will still matter in later conversations: facts about the user or their world, preferences, decisions, procedures.',
  'Leave out small talk, questions, and anything only true for this moment.',
  'Answer with JSON only: {"memories": [{"content": "one self-contained sentence", "type": "semantic|decision|procedural|episodic", "confidence": 0.0-1.0}]}; {"memories": []} when there is nothing.',
].join(' ');

export interface ExtractedMemory {
  content: string;
  type: MemoryType;
  confidence: number;
}

/** The memories in the model's answer; anything unreadable is no memory. */
export function parseExtraction(text: string): ExtractedMemory[] {
  const json = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  const items = (parsed as { memories?: unknown })?.memories;
  if (!Array.isArray(items)) return [];
  return items
    .filter((item): item is { content: string; type?: unknown; confidence?: unknown } => typeof item?.content === 'string' && item.content.trim() !== '')
    .slice(0, MAX_MEMORIES_PER_RUN)
    .map((item) => ({
      content: item.content.trim().slice(0, 10_000),
      type: (MEMORY_TYPES as readonly string[]).includes(String(item.type)) ? (item.type as MemoryType) : 'semantic',
      confidence: typeof item.confidence === 'number' ? Math.min(1, Math.max(0, item.confidence)) : 0.7,
    }));
}

/**
 * After a completed run, the durable facts, preferences, decisions and procedures of the exchange
 * become memories of the agent, without duplicates: each is searched for first, and a stored
 * memory close enough is updated instead of a new one added.
 */
@Injectable()
export class MemoryExtraction {
  private readonly logger = new Logger(MemoryExtraction.name);

  constructor(
    @Inject(MODEL_PROVIDER) private readonly model: ModelProvider | null,
    private readonly commands: CommandClient,
  ) {}

  async extract(run: RunRow, agent: AgentRow): Promise<void> {
    if (!this.model || !agent.tools_enabled || !run.response) return;
    const message = await this.model.client.messages.create(
      {
        model: agent.model ?? this.model.model,
        max_tokens: EXTRACTION_MAX_TOKENS,
        system: EXTRACTION_SYSTEM,
        messages: [{ role: 'user', content: `User: ${run.message}\n\nAssistant: ${run.response}` }],
      },
      { maxRetries: 1 },
    );
    const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
    for (const memory of parseExtraction(text)) await this.store(run, memory);
  }

  private async store(run: RunRow, memory: ExtractedMemory): Promise<void> {
    const context = { tenantId: run.tenant_id };
    const found = await this.commands.request(
      MemoryCommands.Search,
      { tenantId: run.tenant_id, agentId: run.agent_id, query: memory.content.slice(0, 1000), limit: 1, minRelevance: SAME_MEMORY_RELEVANCE },
      context,
    );
    const metadata = { confidence: memory.confidence, source_conversation: run.conversation_id, source_run: run.id, extracted: true };
    const same = found.results[0];
    if (same) {
      if (same.content === memory.content) return;
      await this.commands.request(
        MemoryCommands.Update,
        { tenantId: run.tenant_id, agentId: run.agent_id, id: same.id, content: memory.content, metadata: { ...same.metadata, ...metadata }, quota: run.memory_quota },
        context,
      );
      this.logger.debug?.(`run ${run.id}: updated memory ${same.id}`);
      return;
    }
    await this.commands.request(
      MemoryCommands.Create,
      { tenantId: run.tenant_id, agentId: run.agent_id, content: memory.content, type: memory.type, tags: [], metadata, quota: run.memory_quota },
      context,
    );
  }
}
