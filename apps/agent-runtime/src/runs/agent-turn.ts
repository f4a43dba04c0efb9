import { Inject, Injectable } from '@nestjs/common';
import Anthropic from '@anthropic-ai/sdk';
import { RunErrors } from '@hb/contracts';
import { MODEL_NOT_CONFIGURED, MODEL_PROVIDER, SpanKind, inSpan, type ModelProvider } from '@hb/platform';
import type { AgentRow, AttachedSkill } from '../agents/agents.service';
import type { McpServerRow } from '../mcp/mcp-servers.repository';
import { McpToolbox, type McpSession } from '../mcp/mcp-toolbox';
import { RunMetrics } from './run-metrics';
import { RunFailure, type RunRow } from './run-rows';
import type { StreamWriter } from './run-stream';
import { AgentTools, MEMORY_TOOLS, SKILL_TOOL } from './tools';

export interface TurnResult {
  text: string;
  /** Whether the exchange may leave memories (the agent has its memory tools). */
  extractable: boolean;
  toolCalls: Array<{ id: string; name: string; input: unknown; output: unknown; is_error: boolean; server?: string }>;
  inputTokens: number;
  outputTokens: number;
}

/**
 * What a turn has written, filled in as it goes (its text so far, each tool call as it returns,
 * its tokens), so a turn stopped midway still leaves its work to keep.
 */
export type TurnProgress = Pick<TurnResult, 'text' | 'toolCalls' | 'inputTokens' | 'outputTokens'>;

export function newProgress(): TurnProgress {
  return { text: '', toolCalls: [], inputTokens: 0, outputTokens: 0 };
}

export interface TurnOptions {
  history: Anthropic.MessageParam[];
  signal: AbortSignal;
  maxRounds: number;
  skills: AttachedSkill[];
  /** The agent's MCP servers: connected when the turn starts, their tools offered beside its own. */
  mcpServers: McpServerRow[];
  /** Streams text as it is generated, and tool calls as they start. */
  stream?: StreamWriter;
  /** Filled as the turn goes; the result, once it ends. */
  progress?: TurnProgress;
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
    private readonly mcp: McpToolbox,
    private readonly metrics: RunMetrics,
  ) {}

  /** One run of the agent, as the GenAI conventions' invoke_agent span; its model calls and tool calls are children. */
  async run(run: RunRow, agent: AgentRow, options: TurnOptions): Promise<TurnResult> {
    const attributes = { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.id': agent.id, 'gen_ai.agent.name': agent.name, 'gen_ai.conversation.id': run.conversation_id };
    return inSpan(`invoke_agent ${agent.name}`, { kind: SpanKind.INTERNAL, attributes }, async (span) => {
      if (!this.model) throw new RunFailure(RunErrors.ModelNotConfigured, MODEL_NOT_CONFIGURED);
      const own = [...(agent.tools_enabled ? MEMORY_TOOLS : []), ...(options.skills.length ? [SKILL_TOOL] : [])];
      const mcp = await this.mcp.open(options.mcpServers, own.map((tool) => tool.name), options.signal);
      try {
        const result = await this.loop(run, agent, options, [...own, ...mcp.tools], mcp);
        span.setAttributes({ 'gen_ai.usage.input_tokens': result.inputTokens, 'gen_ai.usage.output_tokens': result.outputTokens });
        return result;
      } finally {
        await mcp.close();
      }
    });
  }

  private async loop(run: RunRow, agent: AgentRow, options: TurnOptions, tools: Anthropic.Tool[], mcp: McpSession): Promise<TurnResult> {
    const messages = withMessage(options.history, run.message);
    const skillList = options.skills.length
      ? `Skills you can load with the load_skill tool when a task needs one:\n${options.skills.map((skill) => `- ${skill.name}: ${skill.description}`).join('\n')}`
      : '';
    const missing = mcp.unavailable.length
      ? `These MCP servers could not be reached, so their tools are missing from this turn:\n${mcp.unavailable.map((u) => `- ${u.reason}`).join('\n')}`
      : '';
    const system = [agent.instructions, agent.tools_enabled ? MEMORY_GUIDE : '', skillList, missing].filter(Boolean).join('\n\n');
    const result: TurnResult = Object.assign(options.progress ?? newProgress(), { extractable: agent.tools_enabled });
    // The text of the rounds that called tools, before the answer's; result.text shows it, and the streamed text, while the turn goes.
    let written = '';
    for (let round = 0; round < options.maxRounds; round++) {
      result.text = written;
      const message = await this.call(
        {
          model: agent.model ?? this.model!.model,
          max_tokens: agent.max_tokens,
          ...(system ? { system } : {}),
          messages,
          ...(tools.length ? { tools } : {}),
        },
        options.signal,
        options.stream,
        (delta) => (result.text += delta),
      );
      result.inputTokens += message.usage.input_tokens;
      result.outputTokens += message.usage.output_tokens;
      const uses = message.content.filter((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use');
      const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
      if (message.stop_reason !== 'tool_use' || uses.length === 0) {
        result.text = text;
        return result;
      }
      written += text;
      result.text = written;
      messages.push({ role: 'assistant', content: message.content });
      const results: Anthropic.ToolResultBlockParam[] = [];
      for (const use of uses) {
        options.stream?.tool(use.name);
        const input = use.input as Record<string, unknown>;
        const toolAttributes = { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': use.name, 'gen_ai.tool.call.id': use.id };
        const { output, isError, server }: { output: unknown; isError: boolean; server?: string } = await inSpan(
          `execute_tool ${use.name}`,
          { kind: SpanKind.INTERNAL, attributes: toolAttributes },
          () => (mcp.owns(use.name) ? mcp.call(use.name, input, options.signal) : this.tools.call(run, use.name, input)),
        );
        this.metrics.toolCall(use.name, isError);
        result.toolCalls.push({ id: use.id, name: use.name, input: use.input, output, is_error: isError, ...(server ? { server } : {}) });
        results.push({ type: 'tool_result', tool_use_id: use.id, content: typeof output === 'string' ? output : JSON.stringify(output), ...(isError ? { is_error: true } : {}) });
      }
      messages.push({ role: 'user', content: results });
    }
    throw new RunFailure(RunErrors.ToolRoundsExceeded, `the model was still calling tools after ${options.maxRounds} rounds`);
  }

  private async call(
    body: Anthropic.MessageCreateParamsNonStreaming,
    signal: AbortSignal,
    stream: StreamWriter | undefined,
    onText: (delta: string) => void,
  ): Promise<Anthropic.Message> {
    const started = performance.now();
    const attributes = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': body.model,
      'gen_ai.request.max_tokens': body.max_tokens,
    };
    try {
      // The GenAI conventions' chat span: the HTTP call to the provider is its child.
      const message = await inSpan(`chat ${body.model}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
        const answered = await this.send(body, signal, stream, onText);
        span.setAttributes({
          'gen_ai.response.model': answered.model,
          'gen_ai.response.id': answered.id,
          'gen_ai.response.finish_reasons': answered.stop_reason ? [answered.stop_reason] : [],
          'gen_ai.usage.input_tokens': answered.usage.input_tokens,
          'gen_ai.usage.output_tokens': answered.usage.output_tokens,
        });
        return answered;
      });
      this.metrics.modelCall((performance.now() - started) / 1000, message);
      return message;
    } catch (error) {
      this.metrics.modelCall((performance.now() - started) / 1000);
      if (signal.aborted) throw new RunFailure(RunErrors.Timeout, 'the run took longer than its timeout');
      const status = error instanceof Anthropic.APIError && error.status ? ` (HTTP ${error.status})` : '';
      throw new RunFailure(RunErrors.ModelError, `the model call failed${status}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async send(body: Anthropic.MessageCreateParamsNonStreaming, signal: AbortSignal, stream: StreamWriter | undefined, onText: (delta: string) => void): Promise<Anthropic.Message> {
    if (!stream) return this.model!.client.messages.create(body, { signal });
    const streamed = this.model!.client.messages.stream(body, { signal });
    streamed.on('text', (text) => {
      stream.delta(text);
      onText(text);
    });
    return streamed.finalMessage();
  }
}

/**
 * The history and the new message as the model's messages. A last message left unanswered (its
 * run failed or was interrupted) and the new one go as one user turn of two text blocks, so the
 * model reads what the new one may refer to ("never mind that", "try again").
 */
function withMessage(history: Anthropic.MessageParam[], message: string): Anthropic.MessageParam[] {
  const last = history.at(-1);
  if (last?.role !== 'user' || typeof last.content !== 'string') return [...history, { role: 'user', content: message }];
  const joined: Anthropic.TextBlockParam[] = [
    { type: 'text', text: last.content },
    { type: 'text', text: message },
  ];
  return [...history.slice(0, -1), { role: 'user', content: joined }];
}
