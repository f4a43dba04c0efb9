import { Inject, Injectable } from '@nestjs/common';
import Anthropic from '@anthropic-ai/sdk';
import { RunErrors } from '@hb/contracts';
import { MODEL_NOT_CONFIGURED, MODEL_PROVIDER, type ModelProvider } from '@hb/platform';
import type { AgentRow, AttachedSkill } from '../agents/agents.service';
import { RunFailure, type RunRow } from './run-rows';
import type { StreamWriter } from './run-stream';
import { AgentTools, MEMORY_TOOLS, SKILL_TOOL } from './tools';

export interface TurnResult {
  text: string;
  /** Whether the exchange may leave memories (the agent has its memory tools). */
  extractable: boolean;
  toolCalls: Array<{ id: string; name: string; input: unknown; output: unknown }>;
  inputTokens: number;
  outputTokens: number;
}

export interface TurnOptions {
  history: Anthropic.MessageParam[];
  signal: AbortSignal;
  maxRounds: number;
  skills: AttachedSkill[];
  /** Streams text as it is generated, and tool calls as they start. */
  stream?: StreamWriter;
}

const MEMORY_GUIDE =
  'You have a long-term memory that lasts across conversations. Use the recall tool when earlier ' +
  'knowledge could help, and the remember tool to store durable facts, preferences, decisions and ' +
  'procedures you learn.';

/**
 * One agent turn: the model through the real SDK, and the tool loop, bounded by maxRounds model
 * calls. Tool errors go back to the model as tool results; model errors end the run.
 */
@Injectable()
export class AgentTurn {
  constructor(
    @Inject(MODEL_PROVIDER) private readonly model: ModelProvider | null,
    private readonly tools: AgentTools,
  ) {}

  async run(run: RunRow, agent: AgentRow, options: TurnOptions): Promise<TurnResult> {
    if (!this.model) throw new RunFailure(RunErrors.ModelNotConfigured, MODEL_NOT_CONFIGURED);
    const messages: Anthropic.MessageParam[] = [...options.history, { role: 'user', content: run.message }];
    const skillList = options.skills.length
      ? `Skills you can load with the load_skill tool when a task needs one:\n${options.skills.map((skill) => `- ${skill.name}: ${skill.description}`).join('\n')}`
      : '';
    const system = [agent.instructions, agent.tools_enabled ? MEMORY_GUIDE : '', skillList].filter(Boolean).join('\n\n');
    const tools = [...(agent.tools_enabled ? MEMORY_TOOLS : []), ...(options.skills.length ? [SKILL_TOOL] : [])];
    const result: TurnResult = { text: '', extractable: agent.tools_enabled, toolCalls: [], inputTokens: 0, outputTokens: 0 };
    for (let round = 0; round < options.maxRounds; round++) {
      const message = await this.call(
        {
          model: agent.model ?? this.model.model,
          max_tokens: agent.max_tokens,
          ...(system ? { system } : {}),
          messages,
          ...(tools.length ? { tools } : {}),
        },
        options.signal,
        options.stream,
      );
      result.inputTokens += message.usage.input_tokens;
      result.outputTokens += message.usage.output_tokens;
      const uses = message.content.filter((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use');
      if (message.stop_reason !== 'tool_use' || uses.length === 0) {
        result.text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
        return result;
      }
      messages.push({ role: 'assistant', content: message.content });
      const results: Anthropic.ToolResultBlockParam[] = [];
      for (const use of uses) {
        options.stream?.tool(use.name);
        const { output, isError } = await this.tools.call(run, use.name, use.input as Record<string, unknown>);
        result.toolCalls.push({ id: use.id, name: use.name, input: use.input, output });
        results.push({ type: 'tool_result', tool_use_id: use.id, content: typeof output === 'string' ? output : JSON.stringify(output), ...(isError ? { is_error: true } : {}) });
      }
      messages.push({ role: 'user', content: results });
    }
    throw new RunFailure(RunErrors.ToolRoundsExceeded, `the model was still calling tools after ${options.maxRounds} rounds`);
  }

  private async call(body: Anthropic.MessageCreateParamsNonStreaming, signal: AbortSignal, stream?: StreamWriter): Promise<Anthropic.Message> {
    try {
      if (!stream) return await this.model!.client.messages.create(body, { signal });
      const streamed = this.model!.client.messages.stream(body, { signal });
      streamed.on('text', (text) => stream.delta(text));
      return await streamed.finalMessage();
    } catch (error) {
      if (signal.aborted) throw new RunFailure(RunErrors.Timeout, 'the run took longer than its timeout');
      const status = error instanceof Anthropic.APIError && error.status ? ` (HTTP ${error.status})` : '';
      throw new RunFailure(RunErrors.ModelError, `the model call failed${status}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
