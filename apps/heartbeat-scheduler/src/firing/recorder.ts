import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HeartbeatEventTypes, Topics, type HeartbeatPausedEventPayload, type HeartbeatRunEventPayload } from '@hb/contracts';
import { Outbox, type AfterCommit, type Emit } from '@hb/platform';
import { ExecutionsRepository } from '../heartbeats/executions.repository';
import { logView, periodOf, type ExecutionRow } from '../heartbeats/heartbeat-rows';
import { HeartbeatsRepository } from '../heartbeats/heartbeats.repository';
import { HeartbeatMetrics } from './heartbeat-metrics';
import { countsAsFailure, type Outcome } from './run-outcome';

const EVENT_OF = {
  success: HeartbeatEventTypes.RunCompleted,
  error: HeartbeatEventTypes.RunFailed,
  skipped: HeartbeatEventTypes.RunSkipped,
} as const;

/**
 * Ends an execution once, whoever reports it first (the run's event, a trigger's reply, a check
 * that skipped it): the log, its heartbeat's counters and budget, auto-pause after
 * max_consecutive_errors failures in a row, and the events, in one transaction.
 */
@Injectable()
export class Recorder {
  constructor(
    private readonly outbox: Outbox,
    private readonly heartbeats: HeartbeatsRepository,
    private readonly executions: ExecutionsRepository,
    private readonly metrics: HeartbeatMetrics,
  ) {}

  finish(executionId: string, outcome: Outcome): Promise<ExecutionRow | undefined> {
    return this.outbox.transaction((manager, emit, afterCommit) => this.finishIn(manager, emit, afterCommit, executionId, outcome));
  }

  /** Inside the caller's transaction; its figures count once that transaction has committed. */
  async finishIn(manager: EntityManager, emit: Emit, afterCommit: AfterCommit, executionId: string, outcome: Outcome): Promise<ExecutionRow | undefined> {
    const execution = await this.executions.finish(manager, executionId, outcome);
    if (!execution) return undefined;
    afterCommit(() => this.metrics.ended(outcome));
    emit({
      topic: Topics.HeartbeatEvents,
      aggregateId: execution.heartbeat_id ?? execution.id,
      tenantId: execution.tenant_id,
      type: EVENT_OF[outcome.status],
      payload: { project_id: execution.tenant_id, bot_id: execution.bot_id, log: logView(execution) } satisfies HeartbeatRunEventPayload,
    });
    if (execution.heartbeat_id) await this.count(manager, emit, afterCommit, execution.heartbeat_id, outcome);
    return execution;
  }

  private async count(manager: EntityManager, emit: Emit, afterCommit: AfterCommit, heartbeatId: string, outcome: Outcome): Promise<void> {
    const heartbeat = await this.heartbeats.countRun(manager, heartbeatId, {
      status: outcome.status,
      failure: countsAsFailure(outcome),
      period: periodOf(new Date()),
      credits: outcome.credits ?? 0,
    });
    if (!heartbeat || !heartbeat.enabled || heartbeat.consecutive_errors < heartbeat.max_consecutive_errors) return;
    const reason = `Paused after ${heartbeat.consecutive_errors} consecutive failed runs (max_consecutive_errors ${heartbeat.max_consecutive_errors}); the last: ${outcome.error?.message ?? 'unknown error'}`;
    await this.heartbeats.pause(manager, heartbeatId, reason);
    afterCommit(() => this.metrics.paused());
    await this.executions.dropQueued(manager, heartbeatId);
    emit({
      topic: Topics.HeartbeatEvents,
      aggregateId: heartbeatId,
      tenantId: heartbeat.tenant_id,
      type: HeartbeatEventTypes.Paused,
      payload: {
        project_id: heartbeat.tenant_id,
        bot_id: heartbeat.bot_id,
        heartbeat_id: heartbeatId,
        reason,
        consecutive_errors: heartbeat.consecutive_errors,
      } satisfies HeartbeatPausedEventPayload,
    });
  }
}
