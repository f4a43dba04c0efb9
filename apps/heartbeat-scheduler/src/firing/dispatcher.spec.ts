import { Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { DomainError, ErrorCodes, RunWaits, SkipReasons, type RunView } from '@hb/contracts';
import { Metrics, type CommandClient, type Outbox } from '@hb/platform';
import type { HeartbeatSchedulerEnv } from '../config/env';
import type { ExecutionsRepository } from '../heartbeats/executions.repository';
import type { ExecutionRow, HeartbeatRow } from '../heartbeats/heartbeat-rows';
import type { HeartbeatsRepository } from '../heartbeats/heartbeats.repository';
import { aHeartbeat, anExecution } from '../../test/rows';
import { Dispatcher } from './dispatcher';
import { HeartbeatMetrics } from './heartbeat-metrics';
import type { FireJob } from './fire-queue';
import type { Recorder } from './recorder';

const aRun = (overrides: Partial<RunView> = {}): RunView => ({
  run_id: 'run_1',
  status: 'pending',
  conversation_id: 'conv_1',
  created_at: new Date().toISOString(),
  ...overrides,
});

const flush = async () => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
};

/**
 * The dispatcher with its repositories, outbox, recorder, queue and command client faked at their
 * ports: `executions` are the open rows the lock finds, `heartbeats` their heartbeats' rows, and
 * `reply` what the runtime answers each invoke.
 */
function setup(options: { executions: ExecutionRow[]; heartbeats?: HeartbeatRow[]; running?: string[]; reply?: () => Promise<RunView> }) {
  const manager = {};
  const emit = jest.fn();
  const fired = (ids: string[]) => options.executions.filter((e) => ids.includes(e.id)).map((e) => ({ ...e, status: 'running' as const, fired_at: new Date() }));
  const executions = {
    heartbeatIdsOf: jest.fn(async () => [...new Set(options.executions.map((e) => e.heartbeat_id).filter((id): id is string => id !== null))]),
    lockOpen: jest.fn(async () => options.executions),
    heartbeatsRunning: jest.fn(async () => options.running ?? []),
    deleteMany: jest.fn(async () => undefined),
    markFired: jest.fn(async (_manager: unknown, ids: string[]) => fired(ids)),
    recordRunIds: jest.fn(async () => undefined),
    byId: jest.fn(async (id: string) => options.executions.find((e) => e.id === id)),
  };
  const heartbeats = { lockMany: jest.fn(async () => options.heartbeats ?? [aHeartbeat()]) };
  const afterCommit = (effect: () => void) => effect();
  const outbox = { transaction: jest.fn(async (work: (m: unknown, e: unknown, a: unknown) => Promise<unknown>) => work(manager, emit, afterCommit)) };
  const recorder = {
    finishIn: jest.fn(async () => undefined),
    finish: jest.fn(async (id: string) => anExecution({ id, status: 'success' })),
  };
  const queue = { add: jest.fn(async () => undefined) };
  const reply = options.reply ?? (async () => aRun());
  const commands = {
    sendMany: jest.fn((_command: unknown, requests: unknown[]) => ({ sent: Promise.resolve(), replies: requests.map(() => reply()) })),
    request: jest.fn(() => reply()),
  };
  const env = { HEARTBEAT_DISPATCH_TIMEOUT_MS: 300_000 } as HeartbeatSchedulerEnv;
  const sut = new Dispatcher(
    heartbeats as unknown as HeartbeatsRepository,
    executions as unknown as ExecutionsRepository,
    outbox as unknown as Outbox,
    commands as unknown as CommandClient,
    recorder as unknown as Recorder,
    queue as unknown as Queue<FireJob>,
    env,
    // The backlog gauge reads the executions only when scraped, which these cases do not.
    new HeartbeatMetrics(new Metrics('heartbeat-scheduler'), executions as unknown as ExecutionsRepository),
  );
  return { sut, executions, recorder, queue, commands, manager, emit };
}

describe(Dispatcher.name, () => {
  // Warnings of dispatches left unanswered are the point of some cases here, not news.
  beforeAll(() => Logger.overrideLogger(false));

  it("marks a due execution running and invokes its bot with the execution's id as the idempotency key", async () => {
    const { sut, executions, commands } = setup({ executions: [anExecution()] });
    await sut.fireMany(['log_1']);
    expect(executions.markFired).toHaveBeenCalledWith(expect.anything(), ['log_1']);
    const [, requests] = commands.sendMany.mock.calls[0] as unknown as [unknown, Array<{ payload: object; options: object }>];
    expect(requests).toEqual([
      {
        payload: expect.objectContaining({ agentId: 'agt_1', message: 'Check the inbox', idempotencyKey: 'log_1', trigger: 'heartbeat', wait: false }),
        options: { tenantId: 'tenant_1', key: 'log_1', timeoutMs: 300_000 },
      },
    ]);
  });

  it('writes the run ids the runtime answers with together, once they are all in', async () => {
    const { sut, executions } = setup({
      executions: [anExecution({ id: 'log_1' }), anExecution({ id: 'log_2', heartbeat_id: 'hb_2' })],
      heartbeats: [aHeartbeat({ id: 'hb_1' }), aHeartbeat({ id: 'hb_2' })],
    });
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    try {
      await sut.fireMany(['log_1', 'log_2']);
      await flush();
      expect(executions.recordRunIds).not.toHaveBeenCalled(); // held for the batch
      jest.advanceTimersByTime(25);
    } finally {
      jest.useRealTimers();
    }
    expect(executions.recordRunIds).toHaveBeenCalledTimes(1);
    expect(executions.recordRunIds).toHaveBeenCalledWith([
      ['log_1', 'run_1'],
      ['log_2', 'run_1'],
    ]);
  });

  it('drops an occurrence of a heartbeat disabled since it was claimed, without running it', async () => {
    const { sut, executions, commands } = setup({ executions: [anExecution()], heartbeats: [aHeartbeat({ enabled: false })] });
    await sut.fireMany(['log_1']);
    expect(executions.deleteMany).toHaveBeenCalledWith(expect.anything(), ['log_1']);
    expect(executions.markFired).not.toHaveBeenCalled();
    expect(commands.sendMany).not.toHaveBeenCalled();
  });

  it('skips a heartbeat whose credit budget for the month is spent, saying so', async () => {
    const { sut, recorder, commands } = setup({ executions: [anExecution()], heartbeats: [aHeartbeat({ credit_budget: 10, credits_used: 10 })] });
    await sut.fireMany(['log_1']);
    expect(recorder.finishIn).toHaveBeenCalledWith(
      expect.anything(),
      expect.anything(),
      expect.any(Function),
      'log_1',
      expect.objectContaining({ status: 'skipped', error: expect.objectContaining({ code: SkipReasons.BudgetSpent }) }),
    );
    expect(commands.sendMany).not.toHaveBeenCalled();
  });

  it('runs one occurrence of a heartbeat at a time: the second of a batch, or one behind a running run, is skipped', async () => {
    const { sut, recorder, executions } = setup({ executions: [anExecution({ id: 'log_1' }), anExecution({ id: 'log_2' })] });
    await sut.fireMany(['log_1', 'log_2']);
    expect(executions.markFired).toHaveBeenCalledWith(expect.anything(), ['log_1']);
    expect(recorder.finishIn).toHaveBeenCalledWith(expect.anything(), expect.anything(), expect.any(Function), 'log_2', expect.objectContaining({ error: expect.objectContaining({ code: SkipReasons.PreviousRunRunning }) }));

    const behind = setup({ executions: [anExecution()], running: ['hb_1'] });
    await behind.sut.fireMany(['log_1']);
    expect(behind.executions.markFired).not.toHaveBeenCalled();
    expect(behind.recorder.finishIn).toHaveBeenCalledWith(expect.anything(), expect.anything(), expect.any(Function), 'log_1', expect.objectContaining({ status: 'skipped' }));
  });

  it('fires again a running execution that never got its run id (a dispatch cut short)', async () => {
    const { sut, commands, executions } = setup({ executions: [anExecution({ status: 'running', fired_at: new Date() })] });
    await sut.fireMany(['log_1']);
    expect(executions.markFired).not.toHaveBeenCalled();
    expect(commands.sendMany).toHaveBeenCalledTimes(1);
  });

  it('ends the execution as skipped when the runtime says the bot has no heartbeat: true', async () => {
    const refused = new DomainError(ErrorCodes.FeatureNotEnabled, 'heartbeat is off');
    const { sut, recorder } = setup({ executions: [anExecution()], reply: async () => Promise.reject(refused) });
    await sut.fireMany(['log_1']);
    await flush();
    expect(recorder.finish).toHaveBeenCalledWith('log_1', expect.objectContaining({ status: 'skipped', error: expect.objectContaining({ code: SkipReasons.BotHeartbeatOff }) }));
  });

  it('queues a dispatch the runtime failed with an internal error again a few seconds later, and records nothing', async () => {
    const failed = new DomainError(ErrorCodes.InternalError, 'database overloaded');
    const { sut, recorder, queue } = setup({ executions: [anExecution()], reply: async () => Promise.reject(failed) });
    await sut.fireMany(['log_1']);
    await flush();
    expect(queue.add).toHaveBeenCalledWith({ executionIds: ['log_1'] }, expect.objectContaining({ delay: 5000 }));
    expect(recorder.finish).not.toHaveBeenCalled();
  });

  it('a trigger waits for its run and records how it ended', async () => {
    const { sut, commands, recorder } = setup({ executions: [anExecution()], reply: async () => aRun({ status: 'completed', response: 'Inbox is empty' }) });
    const execution = await sut.fireAndWait('log_1');
    expect(commands.request).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ wait: true }), expect.objectContaining({ timeoutMs: RunWaits.invoke }));
    expect(recorder.finish).toHaveBeenCalledWith('log_1', expect.objectContaining({ status: 'success', response: 'Inbox is empty' }));
    expect(execution?.status).toBe('success');
  });
});
