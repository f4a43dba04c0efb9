import { Injectable } from '@nestjs/common';
import { Metrics, type Counter, type Histogram } from '@hb/platform';
import type { RunRow } from './run-rows';

/** Tools the runtime itself offers; any other name is an MCP server's (`<server>__<tool>`), counted as one kind. */
const OWN_TOOLS = new Set(['remember', 'recall', 'load_skill']);
/**
 * Models named in labels, the first to answer; later ones are `other`. An agent's model is its
 * tenant's choice, and a compatible server may echo any name back: the label set must stay small.
 */
const MAX_MODELS = 32;

/**
 * What an operator sees of agent runs: how they end, the model calls (time and tokens, by the model
 * that answered) and the tool calls. Labels stay bounded: a run's error code, the model's name as
 * the provider reports it (the first 32), and the runtime's own tool names (MCP tools as `mcp`).
 */
@Injectable()
export class RunMetrics {
  private readonly runs: Counter<'outcome'>;
  private readonly calls: Histogram<'model' | 'outcome'>;
  private readonly tokens: Counter<'model' | 'type'>;
  private readonly tools: Counter<'tool' | 'outcome'>;
  private readonly models = new Set<string>();

  constructor(metrics: Metrics) {
    this.runs = metrics.counter('agent_runs_total', 'Runs ended, by outcome: completed, or the error code of a failed run (model_error, run_timeout, cancelled, interrupted, …).', ['outcome']);
    this.calls = metrics.histogram('agent_model_call_duration_seconds', 'Model calls (one per tool round), by the model that answered and outcome (ok, error).', ['model', 'outcome']);
    this.tokens = metrics.counter('agent_model_tokens_total', 'Tokens of model calls, by model and type (input, output).', ['model', 'type']);
    this.tools = metrics.counter('agent_tool_calls_total', 'Tool calls of runs, by tool (remember, recall, load_skill, mcp) and outcome (ok, error).', ['tool', 'outcome']);
  }

  ended(rows: Array<Pick<RunRow, 'status' | 'error'>>): void {
    for (const row of rows) this.runs.inc({ outcome: row.status === 'completed' ? 'completed' : (row.error?.code ?? 'failed') });
  }

  modelCall(seconds: number, answered?: { model: string; usage: { input_tokens: number; output_tokens: number } }): void {
    if (!answered) return void this.calls.observe({ model: 'unknown', outcome: 'error' }, seconds);
    const { usage } = answered;
    const model = this.labelOf(answered.model);
    this.calls.observe({ model, outcome: 'ok' }, seconds);
    this.tokens.inc({ model, type: 'input' }, usage.input_tokens);
    this.tokens.inc({ model, type: 'output' }, usage.output_tokens);
  }

  private labelOf(model: string): string {
    if (this.models.has(model)) return model;
    if (this.models.size >= MAX_MODELS || !/^[\w.:@/-]{1,100}$/.test(model)) return 'other';
    this.models.add(model);
    return model;
  }

  toolCall(name: string, isError: boolean): void {
    this.tools.inc({ tool: OWN_TOOLS.has(name) ? name : 'mcp', outcome: isError ? 'error' : 'ok' });
  }
}
