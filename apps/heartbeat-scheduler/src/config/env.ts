import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { BaseEnv, loadConfig } from '@hb/platform';

export class HeartbeatSchedulerEnv extends BaseEnv {
  override PORT = 3002;

  /** How often a replica looks for due heartbeats (a change to a schedule also wakes it). */
  @Type(() => Number) @IsInt() @Min(50) @Max(60_000)
  HEARTBEAT_POLL_MS = 1000;

  /**
   * Occurrences due within this much are claimed early and wait in the queue as delayed jobs, so
   * they fire on time instead of at the next poll.
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(60_000)
  HEARTBEAT_LOOKAHEAD_MS = 2000;

  /** Occurrences one claim takes at most (a replica claims again at once while more are due). */
  @Type(() => Number) @IsInt() @Min(1) @Max(10_000)
  HEARTBEAT_CLAIM_BATCH = 1000;

  /** Fire jobs (each up to 100 executions due together) one replica works on at once. */
  @Type(() => Number) @IsInt() @Min(1) @Max(1024)
  HEARTBEAT_DISPATCH_CONCURRENCY = 16;

  /**
   * How long a dispatched invoke may wait for the agent runtime to take it (through a backlog, or
   * while the runtime restarts); after that the runtime drops it and the sweep dispatches it again.
   */
  @Type(() => Number) @IsInt() @Min(100)
  HEARTBEAT_DISPATCH_TIMEOUT_MS = 300_000;

  /**
   * A claimed occurrence not yet fired after this long (its job lost with Redis), or fired without
   * an answer from the runtime, is queued again. Longer than HEARTBEAT_DISPATCH_TIMEOUT_MS.
   */
  @Type(() => Number) @IsInt() @Min(1000)
  HEARTBEAT_REQUEUE_AFTER_MS = 330_000;

  /**
   * A run the runtime never reported on after this long (its run gone) is logged as an error, so
   * the heartbeat is not held forever as "previous run still running". Longer than the runtime's
   * run timeout and orphan check.
   */
  @Type(() => Number) @IsInt() @Min(1000)
  HEARTBEAT_RUN_LOST_AFTER_MS = 15 * 60_000;
}

/** The one place this app reads process.env. */
export function loadEnv(): HeartbeatSchedulerEnv {
  return loadConfig(HeartbeatSchedulerEnv, process.env);
}
