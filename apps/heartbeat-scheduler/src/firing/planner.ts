import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import type { DataSource, EntityManager } from 'typeorm';
import { ExecutionErrors } from '@hb/contracts';
import { InjectEnv, KickedLoop } from '@hb/platform';
import type { HeartbeatSchedulerEnv } from '../config/env';
import { ExecutionsRepository, type ClaimedExecution } from '../heartbeats/executions.repository';
import { newId, scheduleOf } from '../heartbeats/heartbeat-rows';
import { HeartbeatsRepository } from '../heartbeats/heartbeats.repository';
import { nextFire } from '../heartbeats/schedule';
import { FIRE_QUEUE, fireJobs, type FireJob } from './fire-queue';
import { Recorder } from './recorder';

/**
 * Turns due heartbeats into executions and executions into queued jobs, on every replica at once
 * without two of them taking the same one:
 * - a heartbeat whose next occurrence is due (or due within the lookahead) is claimed with
 *   FOR UPDATE SKIP LOCKED; its occurrence becomes an execution row, unique per (heartbeat,
 *   scheduled time), and its next_fire_at moves to the following occurrence in the same
 *   transaction. The cadence lives in the database: a restart neither resets nor shifts it, and
 *   occurrences missed while every replica was down fire once, late, then the grid resumes.
 * - executions due within the lookahead (heartbeat occurrences, one-off scheduled tasks) are
 *   handed to the Bull queue as jobs delayed to their time, those due together in one job.
 * A job lost with Redis is handed again after HEARTBEAT_REQUEUE_AFTER_MS; firing is idempotent.
 */
@Injectable()
export class Planner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(Planner.name);
  private readonly loop = new KickedLoop(
    () => this.plan(),
    (error) => this.logger.warn(`claiming due heartbeats failed: ${error.message}`),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly heartbeats: HeartbeatsRepository,
    private readonly executions: ExecutionsRepository,
    @InjectQueue(FIRE_QUEUE) private readonly queue: Queue<FireJob>,
    private readonly recorder: Recorder,
    @InjectEnv() private readonly env: HeartbeatSchedulerEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start(this.env.HEARTBEAT_POLL_MS);
    this.loop.kick();
  }

  beforeApplicationShutdown(): void {
    this.loop.stop();
  }

  /** Looks now: a schedule changed or a task was added. */
  kick(): void {
    this.loop.kick();
  }

  private async plan(): Promise<void> {
    for (;;) {
      const { heartbeats, jobs } = await this.dataSource.transaction(async (manager) => ({
        heartbeats: await this.claimHeartbeats(manager),
        jobs: await this.claimExecutions(manager),
      }));
      if (jobs.length > 0) await this.enqueue(jobs);
      if (heartbeats < this.env.HEARTBEAT_CLAIM_BATCH && jobs.length < this.env.HEARTBEAT_CLAIM_BATCH) return;
    }
  }

  private async claimHeartbeats(manager: EntityManager): Promise<number> {
    const due = await this.heartbeats.lockDue(manager, this.env.HEARTBEAT_LOOKAHEAD_MS, this.env.HEARTBEAT_CLAIM_BATCH);
    if (due.length === 0) return 0;
    const now = new Date();
    const stopped: Array<{ id: string; reason: string }> = [];
    const next = due.map((heartbeat) => {
      const occurrence = heartbeat.next_fire_at!;
      try {
        // From a late occurrence, the next one after now: what was missed fires once, not N times.
        const following = nextFire(scheduleOf(heartbeat), occurrence > now ? occurrence : now);
        if (!following) stopped.push({ id: heartbeat.id, reason: 'The schedule has no further occurrence inside its active hours and days' });
        return following;
      } catch (error) {
        // A row that no longer reads (a timezone gone from the runtime's data) stops alone, saying why.
        stopped.push({ id: heartbeat.id, reason: `The schedule can no longer be computed: ${(error as Error).message}` });
        return null;
      }
    });
    await this.executions.addOccurrences(
      manager,
      due.map((h) => h.id),
      due.map(() => newId('log')),
    );
    await this.heartbeats.moveNextFires(
      manager,
      due.map((h) => h.id),
      next,
    );
    if (stopped.length > 0) await this.heartbeats.stopEach(manager, stopped);
    return due.length;
  }

  private async claimExecutions(manager: EntityManager): Promise<ClaimedExecution[]> {
    return this.executions.claimForQueue(manager, this.env.HEARTBEAT_LOOKAHEAD_MS, this.env.HEARTBEAT_CLAIM_BATCH, this.env.HEARTBEAT_REQUEUE_AFTER_MS);
  }

  private async enqueue(executions: ClaimedExecution[]): Promise<void> {
    await this.queue.addBulk(fireJobs(executions));
  }

  /**
   * Dispatches that died half-way (marked running, no run yet) go again, and runs the runtime
   * never reported on are ended as errors so they stop holding their heartbeat.
   */
  @Interval(15_000)
  async sweep(): Promise<void> {
    try {
      const stuck = await this.executions.requeueStuck(this.env.HEARTBEAT_REQUEUE_AFTER_MS);
      if (stuck.length > 0) await this.enqueue(stuck);
      const lost = await this.executions.lost(this.env.HEARTBEAT_RUN_LOST_AFTER_MS, this.env.HEARTBEAT_DISPATCH_TIMEOUT_MS);
      for (const id of lost) {
        await this.recorder.finish(id, { status: 'error', error: { code: ExecutionErrors.RunLost, message: 'The agent runtime never reported on this run' } });
      }
    } catch (error) {
      this.logger.warn(`sweeping executions failed: ${(error as Error).message}`);
    }
  }
}
