import { Injectable } from '@nestjs/common';
import type Anthropic from '@anthropic-ai/sdk';
import { MEMORY_TYPES, MemoryCommands, type MemoryType } from '@hb/contracts';
import { CommandClient } from '@hb/platform';
import { SkillsService } from '../skills/skills.service';
import type { RunRow } from './run-rows';

export const SKILL_TOOL: Anthropic.Tool = {
  name: 'load_skill',
  description: 'Load the full instructions of one of your skills (listed in your instructions) when the task needs it.',
  input_schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
};

export const MEMORY_TOOLS: Anthropic.Tool[] = [
  {
    name: 'remember',
    description:
      'Store a durable memory for later conversations: a fact, a preference, a decision, a procedure. Use it for what will still matter later, not for small talk.',
    input_schema: {
      type: 'object',
      properties: {
        content: { type: 'string', description: 'The memory, as one self-contained sentence.' },
        type: { type: 'string', enum: [...MEMORY_TYPES], description: 'semantic for facts and preferences, decision, procedural, episodic, ...' },
        importance: { type: 'number', minimum: 0, maximum: 1 },
        confidence: { type: 'number', minimum: 0, maximum: 1, description: 'How sure you are this is true.' },
      },
      required: ['content', 'type'],
    },
  },
  {
    name: 'recall',
    description: 'Search your long-term memory of earlier conversations. Returns the most relevant memories.',
    input_schema: {
      type: 'object',
      properties: {
        query: { type: 'string' },
        type: { type: 'string', enum: [...MEMORY_TYPES] },
        limit: { type: 'integer', minimum: 1, maximum: 20 },
      },
      required: ['query'],
    },
  },
];

/** The agent's tools: its memory (through the memory service, scoped to this agent) and its skills. */
@Injectable()
export class AgentTools {
  constructor(
    private readonly commands: CommandClient,
    private readonly skills: SkillsService,
  ) {}

  async call(run: RunRow, name: string, input: Record<string, unknown>): Promise<{ output: unknown; isError: boolean }> {
    try {
      switch (name) {
        case 'remember':
          return { output: await this.remember(run, input), isError: false };
        case 'recall':
          return { output: await this.recall(run, input), isError: false };
        case 'load_skill': {
          const instructions = await this.skills.instructionsFor(run.agent_id, String(input.name ?? ''));
          return instructions === null ? { output: `no skill named ${String(input.name)}`, isError: true } : { output: instructions, isError: false };
        }
        default:
          return { output: `unknown tool ${name}`, isError: true };
      }
    } catch (error) {
      return { output: error instanceof Error ? error.message : String(error), isError: true };
    }
  }

  private async remember(run: RunRow, input: Record<string, unknown>) {
    const type = (MEMORY_TYPES as readonly string[]).includes(String(input.type)) ? (input.type as MemoryType) : 'semantic';
    const confidence = typeof input.confidence === 'number' ? input.confidence : 0.9;
    const memory = await this.commands.request(
      MemoryCommands.Create,
      {
        tenantId: run.tenant_id,
        agentId: run.agent_id,
        content: String(input.content ?? ''),
        type,
        importance: typeof input.importance === 'number' ? input.importance : undefined,
        tags: [],
        metadata: { confidence, source_conversation: run.conversation_id, source_run: run.id },
        quota: run.memory_quota,
      },
      { tenantId: run.tenant_id },
    );
    return { stored: memory.id };
  }

  private async recall(run: RunRow, input: Record<string, unknown>) {
    const limit = typeof input.limit === 'number' ? Math.min(20, Math.max(1, Math.floor(input.limit))) : 5;
    const type = (MEMORY_TYPES as readonly string[]).includes(String(input.type)) ? (input.type as MemoryType) : undefined;
    const found = await this.commands.request(
      MemoryCommands.Search,
      { tenantId: run.tenant_id, agentId: run.agent_id, query: String(input.query ?? '').slice(0, 1000) || '?', limit, type },
      { tenantId: run.tenant_id },
    );
    return found.results.map((memory) => ({ id: memory.id, type: memory.type, content: memory.content, relevance: memory.relevance }));
  }
}
