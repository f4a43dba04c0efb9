import { Logger } from '@nestjs/common';
import { AgentEventTypes, RunErrors } from '@hb/contracts';
import { Metrics, type Outbox, type PendingEvent } from '@hb/platform';
import type { AgentRow } from '../agents/agents.repository';
import type { AgentsService } from '../agents/agents.service';
import type { AgentRuntimeEnv } from '../config/env';
import type { McpToolbox } from '../mcp/mcp-toolbox';
import type { AgentTurn, TurnOptions, TurnResult } from './agent-turn';
import type { MemoryExtraction } from './memory-extraction';
import type { MessagesRepository } from './messages.repository';
import { RunMetrics } from './run-metrics';
import { RunFailure, type RunRow } from './run-rows';
import type { RunStreams } from './run-stream';
import { RunWorker } from './run-worker';
import type { RunsRepository } from './runs.repository';

function aRun(overrides: Partial<RunRow> = {}): RunRow {
  const now = new Date();
  return {
    id: 'run_1',
    tenant_id: 'tenant_1',
    agent_id: 'agt_1',
    conversation_id: 'conv_1',
    status: 'running',
    trigger: 'api',
    message: 'What is on my calendar?',
    memory_quota: { memories: null, storageBytes: null },
    idempotency_key: null,
    stream_id: null,
    response: null,
    error: null,
    input_tokens: 0,
    output_tokens: 0,
    credits: 0,
    created_at: now,
    started_at: now,
    deadline_at: new Date(now.getTime() + 30_000),
    finished_at: null,
    ...overrides,
  };
}

const answer: TurnResult = { text: 'Two meetings.', extractable: true, toolCalls: [], inputTokens: 900, outputTokens: 200 };

/**
 * The run worker with its repositories, outbox, model turn, agents, extraction and streams faked at
 * their ports. `turn` plays the model: it gets the run's options (the abort signal among them).
 */
function setup(turn: (options: TurnOptions) => Promise<TurnResult> = async () => answer, env: Partial<AgentRuntimeEnv> = {}) {
  const emitted: PendingEvent[] = [];
  const ended = (run: RunRow, fields: Partial<RunRow>): RunRow => ({ ...run, ...fields, finished_at: new Date() });
  const runs = {
    complete: jest.fn(async (_m: unknown, id: string, done: { response: string; inputTokens: number; outputTokens: number; credits: number }) =>
      ended(aRun({ id }), { status: 'completed', response: done.response, input_tokens: done.inputTokens, output_tokens: done.outputTokens, credits: done.credits }),
    ),
    fail: jest.fn(async (_m: unknown, id: string, error: { code: string; message: string }) => ended(aRun({ id }), { status: 'failed', error })),
    failUnfinishedOf: jest.fn(async (_m: unknown, conversationId: string, error: { code: string; message: string }) => [
      ended(aRun({ conversation_id: conversationId }), { status: 'failed', error }),
    ]),
    requeue: jest.fn(async () => undefined),
    claimNext: jest.fn(async () => undefined),
    claimForExtraction: jest.fn(async () => undefined),
    endedAmong: jest.fn(async () => []),
    failOverdue: jest.fn(async () => []),
  };
  const messages = {
    lastTurns: jest.fn(async () => []),
    addUserTurn: jest.fn(async () => undefined),
    addAnswer: jest.fn(async () => undefined),
    addInterruptedAnswer: jest.fn(async () => undefined),
    fillInterrupted: jest.fn(async () => undefined),
  };
  const outbox = {
    transaction: jest.fn(async (work: (manager: unknown, emit: (event: PendingEvent) => void) => Promise<unknown>) =>
      work({}, (event) => void emitted.push(event)),
    ),
  };
  const agentTurn = { run: jest.fn(async (_run: RunRow, _agent: AgentRow, options: TurnOptions) => turn(options)) };
  const agents = { withSkills: jest.fn(async () => ({ agent: { id: 'agt_1' } as AgentRow, skills: [] })) };
  const extraction = { extract: jest.fn(async () => undefined) };
  const streamEnd = jest.fn(async () => undefined);
  const streams = { writer: jest.fn(() => ({ end: streamEnd })), end: jest.fn(async () => undefined) };
  const mcp = { serversOf: jest.fn(async () => []) };
  const sut = new RunWorker(
    runs as unknown as RunsRepository,
    messages as unknown as MessagesRepository,
    outbox as unknown as Outbox,
    agentTurn as unknown as AgentTurn,
    agents as unknown as AgentsService,
    extraction as unknown as MemoryExtraction,
    streams as unknown as RunStreams,
    mcp as unknown as McpToolbox,
    new RunMetrics(new Metrics('agent-runtime')),
    { RUN_TIMEOUT_MS: 30_000, RUN_CONCURRENCY: 4, MAX_TOOL_ROUNDS: 8, TOKENS_PER_CREDIT: 1000, AUTO_MEMORY: true, ...env } as AgentRuntimeEnv,
  );
  return { sut, runs, messages, emitted, agentTurn, streams, streamEnd, outbox };
}

describe(RunWorker.name, () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('records a completed run with its answer, usage and credits, the turn messages and its event, in one transaction', async () => {
    const { sut, runs, messages, emitted } = setup();
    const ended = await sut.start(aRun());
    expect(runs.complete).toHaveBeenCalledWith(expect.anything(), 'run_1', {
      response: 'Two meetings.',
      inputTokens: 900,
      outputTokens: 200,
      credits: 2, // 1100 tokens at 1000 a credit, rounded up
      extractMemories: true,
    });
    expect(messages.addUserTurn).toHaveBeenCalledTimes(1);
    expect(messages.addAnswer).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ id: 'run_1' }), answer);
    expect(emitted.map((event) => event.type)).toEqual([AgentEventTypes.RunCompleted]);
    expect(ended?.status).toBe('completed');
  });

  it("fails a run with its turn's own code, and any other error as internal_error, without an answer message", async () => {
    const refused = setup(async () => Promise.reject(new RunFailure(RunErrors.ToolRoundsExceeded, 'still calling tools')));
    await refused.sut.start(aRun());
    expect(refused.runs.fail).toHaveBeenCalledWith(expect.anything(), 'run_1', { code: RunErrors.ToolRoundsExceeded, message: 'still calling tools' });
    expect(refused.messages.addAnswer).not.toHaveBeenCalled();
    expect(refused.emitted.map((event) => event.type)).toEqual([AgentEventTypes.RunFailed]);

    const broken = setup(async () => Promise.reject(new Error('socket hang up')));
    await broken.sut.start(aRun());
    expect(broken.runs.fail).toHaveBeenCalledWith(expect.anything(), 'run_1', { code: RunErrors.Internal, message: 'socket hang up' });
  });

  it('writes nothing more for a run already ended elsewhere (cancelled, or failed as an orphan)', async () => {
    const { sut, runs, messages, emitted } = setup();
    runs.complete.mockResolvedValueOnce(undefined as never);
    await expect(sut.start(aRun())).resolves.toBeUndefined();
    expect(messages.addUserTurn).not.toHaveBeenCalled();
    expect(emitted).toHaveLength(0);
  });

  it('ends a streamed run on its stream with the run as it ended', async () => {
    const { sut, streams, streamEnd } = setup();
    await sut.start(aRun({ stream_id: 'stream_1' }));
    expect(streams.writer).toHaveBeenCalledWith('stream_1');
    expect(streamEnd).toHaveBeenCalledWith(expect.objectContaining({ run_id: 'run_1', status: 'completed', response: 'Two meetings.' }));
  });

  it("cancels a conversation's unfinished runs with their events, and stops the model call of the one running here", async () => {
    let signal: AbortSignal | undefined;
    const { sut, runs, emitted } = setup(
      (options) =>
        new Promise((_resolve, reject) => {
          signal = options.signal;
          options.signal.addEventListener('abort', () => reject(new RunFailure(RunErrors.Timeout, 'aborted')));
        }),
    );
    runs.fail.mockResolvedValueOnce(undefined as never); // the cancel has ended it already
    const running = sut.start(aRun());
    await new Promise((resolve) => setImmediate(resolve));
    const cancelled = await sut.cancel('conv_1');
    expect(runs.failUnfinishedOf).toHaveBeenCalledWith(expect.anything(), 'conv_1', { code: RunErrors.Cancelled, message: 'the run was cancelled' });
    expect(cancelled).toHaveLength(1);
    expect(signal?.aborted).toBe(true);
    await expect(running).resolves.toBeUndefined();
    expect(emitted.map((event) => event.type)).toEqual([AgentEventTypes.RunFailed]);
  });

  it("ends an interrupted conversation's runs as interrupted, keeping each one's message in the conversation", async () => {
    const { sut, runs, messages, emitted, outbox } = setup();
    // The invoke that interrupts stops them in its own transaction, under the conversation's lock.
    await outbox.transaction((manager, emit) => sut.stopIn(manager as never, emit as never, 'conv_1', 'interrupt'));
    expect(runs.failUnfinishedOf).toHaveBeenCalledWith(expect.anything(), 'conv_1', expect.objectContaining({ code: RunErrors.Interrupted }));
    expect(messages.addUserTurn).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ conversation_id: 'conv_1' }));
    // It was running: the place of its answer is held right after its message.
    expect(messages.addInterruptedAnswer).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ conversation_id: 'conv_1' }));
    expect(emitted.map((event) => event.type)).toEqual([AgentEventTypes.RunFailed]);
    // A plain cancel keeps nothing: the user withdrew the message.
    const cancelled = setup();
    await cancelled.sut.cancel('conv_1');
    expect(cancelled.messages.addUserTurn).not.toHaveBeenCalled();
    expect(cancelled.messages.addInterruptedAnswer).not.toHaveBeenCalled();
  });

  it('keeps what an interrupted run had written when its worker stops it: its text so far and its tool calls', async () => {
    const call = { id: 'toolu_1', name: 'remember', input: { content: 'x' }, output: { stored: 'mem_1' }, is_error: false };
    const { sut, runs, messages, outbox } = setup(
      (options) =>
        new Promise((_resolve, reject) => {
          options.progress!.toolCalls.push(call);
          options.progress!.text = 'Let me note that';
          options.signal.addEventListener('abort', () => reject(new RunFailure(RunErrors.Timeout, 'aborted')));
        }),
    );
    runs.fail.mockResolvedValueOnce(undefined as never); // the interrupt has ended it already
    const running = sut.start(aRun());
    await new Promise((resolve) => setImmediate(resolve));
    const stopped = await outbox.transaction((manager, emit) => sut.stopIn(manager as never, emit as never, 'conv_1', 'interrupt'));
    await sut.release(stopped as never);
    await expect(running).resolves.toBeUndefined();
    expect(messages.fillInterrupted).toHaveBeenCalledWith(expect.objectContaining({ id: 'run_1' }), expect.objectContaining({ text: 'Let me note that', toolCalls: [call] }));
    expect(messages.addAnswer).not.toHaveBeenCalled();
  });

  it('hands the runs in flight back to the queue when the replica stops, failing none of them', async () => {
    const { sut, runs } = setup((options) => new Promise((_resolve, reject) => options.signal.addEventListener('abort', () => reject(new Error('aborted')))));
    const running = sut.start(aRun({ id: 'run_9' }));
    await new Promise((resolve) => setImmediate(resolve));
    await sut.onApplicationShutdown();
    await expect(running).resolves.toBeUndefined();
    expect(runs.requeue).toHaveBeenCalledWith(['run_9']);
    expect(runs.fail).not.toHaveBeenCalled();
  });

  it('tells a waiting invoke when its run has ended here', async () => {
    let finishTurn!: (result: TurnResult) => void;
    const { sut } = setup(() => new Promise((resolve) => (finishTurn = resolve)));
    const running = sut.start(aRun());
    let told = false;
    const waiting = sut.whenFinished('run_1', 10_000).then(() => (told = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(told).toBe(false);
    finishTurn(answer);
    await running;
    await waiting;
    expect(told).toBe(true);
  });
});
