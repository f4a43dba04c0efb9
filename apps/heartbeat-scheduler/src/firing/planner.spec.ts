import { Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { ExecutionErrors } from '@hb/contracts';
import type { HeartbeatSchedulerEnv } from '../config/env';
import type { ClaimedExecution, ExecutionsRepository } from '../heartbeats/executions.repository';
import type { HeartbeatRow } from '../heartbeats/heartbeat-rows';
import type { HeartbeatsRepository } from '../heartbeats/heartbeats.repository';
import { aHeartbeat } from '../../test/rows';
import type { FireJob } from './fire-queue';
import { Planner } from './planner';
import type { Recorder } from './recorder';

const MINUTE = 60_000;
const BATCH = 2;

/**
 * The planner with its repositories, queue and recorder faked at their ports. `due` are handed
 * out by the heartbeat claim a batch at a time, `queueable` by the execution claim likewise.
 */
function setup(options: { due?: HeartbeatRow[]; queueable?: ClaimedExecution[]; stuck?: ClaimedExecution[]; lost?: string[] } = {}) {
  const due = [...(options.due ?? [])];
  const queueable = [...(options.queueable ?? [])];
  const transactions: number[] = [];
  const dataSource = {
    transaction: jest.fn(async (work: (manager: unknown) => Promise<unknown>) => {
      transactions.push(transactions.length);
      return work({});
    }),
  };
  const heartbeats = {
    lockDue: jest.fn(async (_manager: unknown, _lookahead: number, limit: number) => due.splice(0, limit)),
    moveNextFires: jest.fn(async () => undefined),
    stopEach: jest.fn(async () => undefined),
  };
  const executions = {
    addOccurrences: jest.fn(async () => undefined),
    claimForQueue: jest.fn(async (_manager: unknown, _lookahead: number, limit: number) => queueable.splice(0, limit)),
    requeueStuck: jest.fn(async () => options.stuck ?? []),
    lost: jest.fn(async () => options.lost ?? []),
  };
  const queue = { addBulk: jest.fn(async () => []) };
  const recorder = { finish: jest.fn(async () => undefined) };
  const env = {
    HEARTBEAT_POLL_MS: 3_600_000,
    HEARTBEAT_LOOKAHEAD_MS: 2000,
    HEARTBEAT_CLAIM_BATCH: BATCH,
    HEARTBEAT_REQUEUE_AFTER_MS: 60_000,
    HEARTBEAT_RUN_LOST_AFTER_MS: 600_000,
    HEARTBEAT_DISPATCH_TIMEOUT_MS: 300_000,
  } as HeartbeatSchedulerEnv;
  const sut = new Planner(
    dataSource as unknown as DataSource,
    heartbeats as unknown as HeartbeatsRepository,
    executions as unknown as ExecutionsRepository,
    queue as unknown as Queue<FireJob>,
    recorder as unknown as Recorder,
    env,
  );
  /** One planning pass, as a kick starts it, until it has claimed all it can. */
  const plan = async () => {
    sut.onApplicationBootstrap();
    for (let i = 0; i < 50 && (due.length > 0 || queueable.length > 0 || dataSource.transaction.mock.calls.length === 0); i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    sut.beforeApplicationShutdown();
  };
  return { sut, plan, heartbeats, executions, queue, recorder, transactions };
}

describe(Planner.name, () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('makes each due occurrence an execution with a new log id and moves the heartbeat to its next occurrence', async () => {
    const at = new Date(Date.now() + 1000);
    const { plan, executions, heartbeats } = setup({ due: [aHeartbeat({ id: 'hb_1', interval_minutes: 60, anchor_at: at, next_fire_at: at })] });
    await plan();
    expect(executions.addOccurrences).toHaveBeenCalledWith(expect.anything(), ['hb_1'], [expect.stringMatching(/^log_[0-9a-f]{24}$/)]);
    const [, ids, next] = heartbeats.moveNextFires.mock.calls[0] as unknown as [unknown, string[], Date[]];
    expect(ids).toEqual(['hb_1']);
    expect(next[0].getTime()).toBe(at.getTime() + 60 * MINUTE);
    expect(heartbeats.stopEach).not.toHaveBeenCalled();
  });

  it('fires an occurrence missed while no replica ran once, then resumes the grid from now', async () => {
    const anchor = new Date(Date.now() - 10 * 60 * MINUTE - 30_000);
    const missed = new Date(anchor.getTime());
    const { plan, heartbeats, executions } = setup({ due: [aHeartbeat({ interval_minutes: 60, anchor_at: anchor, next_fire_at: missed })] });
    await plan();
    expect(executions.addOccurrences).toHaveBeenCalledTimes(1);
    const [, , next] = heartbeats.moveNextFires.mock.calls[0] as unknown as [unknown, string[], Date[]];
    // The next on the hourly grid after now: not one of the ten missed in between.
    expect(next[0].getTime()).toBeGreaterThan(Date.now());
    expect(next[0].getTime()).toBeLessThanOrEqual(Date.now() + 60 * MINUTE);
    expect((next[0].getTime() - anchor.getTime()) % (60 * MINUTE)).toBe(0);
  });

  it('stops, saying why, a heartbeat whose schedule can no longer be computed, and plans the others', async () => {
    const now = new Date();
    const { plan, heartbeats } = setup({
      due: [aHeartbeat({ id: 'hb_bad', timezone: 'Nowhere/Gone', next_fire_at: now }), aHeartbeat({ id: 'hb_ok', next_fire_at: now, anchor_at: now })],
    });
    await plan();
    expect(heartbeats.stopEach).toHaveBeenCalledWith(expect.anything(), [{ id: 'hb_bad', reason: expect.stringContaining('can no longer be computed') }]);
    const [, ids, next] = heartbeats.moveNextFires.mock.calls[0] as unknown as [unknown, string[], Array<Date | null>];
    expect(ids).toEqual(['hb_bad', 'hb_ok']);
    expect(next[0]).toBeNull();
    expect(next[1]).toBeInstanceOf(Date);
  });

  it('hands executions due within the lookahead to the queue, delayed to their time, and claims again while batches come full', async () => {
    const soon = new Date(Date.now() + 1500);
    const queueable = [
      { id: 'log_1', scheduled_for: soon },
      { id: 'log_2', scheduled_for: soon },
      { id: 'log_3', scheduled_for: soon },
    ];
    const { plan, queue, transactions } = setup({ queueable });
    await plan();
    // A full batch (2) means there may be more: a second pass takes the third.
    expect(transactions).toHaveLength(2);
    const jobs = queue.addBulk.mock.calls.flatMap((call) => (call as unknown as [Array<{ data: FireJob; opts: { delay: number } }>])[0]);
    expect(jobs.flatMap((job) => job.data.executionIds).sort()).toEqual(['log_1', 'log_2', 'log_3']);
    for (const job of jobs) expect(job.opts.delay).toBeGreaterThan(0);
  });

  it('sweeps: requeues dispatches that died half-way and ends runs the runtime never reported on as run_lost', async () => {
    const stuck = [{ id: 'log_stuck', scheduled_for: new Date(Date.now() - MINUTE) }];
    const { sut, queue, recorder } = setup({ stuck, lost: ['log_lost'] });
    await sut.sweep();
    expect(queue.addBulk).toHaveBeenCalledWith([expect.objectContaining({ data: { executionIds: ['log_stuck'] } })]);
    expect(recorder.finish).toHaveBeenCalledWith('log_lost', { status: 'error', error: expect.objectContaining({ code: ExecutionErrors.RunLost }) });
  });
});
