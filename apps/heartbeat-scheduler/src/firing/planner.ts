import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import type { DataSource, EntityManager } from 'typeorm';
import { KickedLoop, PLATFORM_OPTIONS, type PlatformOptions } from '@hb/platform';
import type { HeartbeatSchedulerEnv } from '../config/env';
import { newId, scheduleOf, type HeartbeatRow } from '../heartbeats/heartbeat-rows';
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
  private readonly env: HeartbeatSchedulerEnv;
  private readonly loop = new KickedLoop(
    () => this.plan(),
    (error) => this.logger.warn(`claiming due heartbeats failed: ${error.message}`),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(FIRE_QUEUE) private readonly queue: Queue<FireJob>,
    private readonly recorder: Recorder,
    @Inject(PLATFORM_OPTIONS) options: PlatformOptions,
  ) {
    this.env = options.env as HeartbeatSchedulerEnv;
  }

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
    const due: HeartbeatRow[] = await manager.query(
      `SELECT * FROM heartbeats WHERE next_fire_at <= now() + $1 * interval '1 millisecond'
        ORDER BY next_fire_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [this.env.HEARTBEAT_LOOKAHEAD_MS, this.env.HEARTBEAT_CLAIM_BATCH],
    );
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
    await manager.query(
      `INSERT INTO executions (id, tenant_id, bot_id, heartbeat_id, member_id, type, status, prompt, memory_quota, scheduled_for)
       SELECT c.log_id, h.tenant_id, h.bot_id, h.id, h.member_id, 'heartbeat', 'queued', h.prompt, h.memory_quota, h.next_fire_at
         FROM unnest($1::text[], $2::text[]) AS c(heartbeat_id, log_id) JOIN heartbeats h ON h.id = c.heartbeat_id
       ON CONFLICT (heartbeat_id, scheduled_for) WHERE type = 'heartbeat' DO NOTHING`,
      [due.map((h) => h.id), due.map(() => newId('log'))],
    );
    await manager.query(
      `UPDATE heartbeats h SET next_fire_at = c.next FROM unnest($1::text[], $2::timestamptz[]) AS c(id, next) WHERE h.id = c.id`,
      [due.map((h) => h.id), next],
    );
    if (stopped.length > 0) {
      await manager.query(
        `UPDATE heartbeats h SET enabled = false, paused_reason = c.reason, updated_at = now() FROM unnest($1::text[], $2::text[]) AS c(id, reason) WHERE h.id = c.id`,
        [stopped.map((s) => s.id), stopped.map((s) => s.reason)],
      );
    }
    return due.length;
  }

  private async claimExecutions(manager: EntityManager): Promise<Array<{ id: string; scheduled_for: Date }>> {
    const [rows] = await manager.query(
      `UPDATE executions SET enqueued_at = now() WHERE id IN (
         SELECT id FROM executions
          WHERE status = 'queued' AND scheduled_for <= now() + $1 * interval '1 millisecond'
            AND (enqueued_at IS NULL OR enqueued_at < now() - $3 * interval '1 millisecond')
          ORDER BY scheduled_for LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, scheduled_for`,
      [this.env.HEARTBEAT_LOOKAHEAD_MS, this.env.HEARTBEAT_CLAIM_BATCH, this.env.HEARTBEAT_REQUEUE_AFTER_MS],
    );
    return rows;
  }

  private async enqueue(executions: Array<{ id: string; scheduled_for: Date }>): Promise<void> {
    await this.queue.addBulk(fireJobs(executions));
  }

  /**
   * Dispatches that died half-way (marked running, no run yet) go again, and runs the runtime
   * never reported on are ended as errors so they stop holding their heartbeat.
   */
  @Interval(15_000)
  async sweep(): Promise<void> {
    try {
      const [stuck]: [Array<{ id: string; scheduled_for: Date }>] = await this.dataSource.query(
        `UPDATE executions SET enqueued_at = now()
          WHERE status = 'running' AND run_id IS NULL AND coalesce(enqueued_at, fired_at) < now() - $1 * interval '1 millisecond'
          RETURNING id, scheduled_for`,
        [this.env.HEARTBEAT_REQUEUE_AFTER_MS],
      );
      if (stuck.length > 0) await this.enqueue(stuck);
      const lost: Array<{ id: string }> = await this.dataSource.query(
        // Not while a dispatch of it may still be taken: the runtime would run it after all.
        `SELECT id FROM executions WHERE status = 'running' AND fired_at < now() - $1 * interval '1 millisecond'
            AND (run_id IS NOT NULL OR coalesce(enqueued_at, fired_at) < now() - $2 * interval '1 millisecond') LIMIT 1000`,
        [this.env.HEARTBEAT_RUN_LOST_AFTER_MS, this.env.HEARTBEAT_DISPATCH_TIMEOUT_MS],
      );
      for (const { id } of lost) {
        await this.recorder.finish(id, { status: 'error', error: { code: 'run_lost', message: 'The agent runtime never reported on this run' } });
      }
    } catch (error) {
      this.logger.warn(`sweeping executions failed: ${(error as Error).message}`);
    }
  }
}
