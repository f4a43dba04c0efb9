import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HeartbeatEventTypes, Topics, type HeartbeatPausedEventPayload, type HeartbeatRunEventPayload } from '@hb/contracts';
import { Outbox, type Emit } from '@hb/platform';
import { logView, periodOf, type ExecutionRow, type HeartbeatRow } from '../heartbeats/heartbeat-rows';
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
  constructor(private readonly outbox: Outbox) {}

  finish(executionId: string, outcome: Outcome): Promise<ExecutionRow | undefined> {
    return this.outbox.transaction((manager, emit) => this.finishIn(manager, emit, executionId, outcome));
  }

  async finishIn(manager: EntityManager, emit: Emit, executionId: string, outcome: Outcome): Promise<ExecutionRow | undefined> {
    const [rows]: [ExecutionRow[]] = await manager.query(
      `UPDATE executions SET status = $2, response = $3, error = $4, duration_ms = $5, tokens_used = $6, credits_charged = $7,
              run_id = coalesce(run_id, $8), fired_at = coalesce(fired_at, now()), finished_at = now()
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING *`,
      [
        executionId,
        outcome.status,
        outcome.response ?? null,
        outcome.error ? JSON.stringify(outcome.error) : null,
        outcome.durationMs ?? null,
        outcome.tokens ?? null,
        outcome.credits ?? null,
        outcome.runId ?? null,
      ],
    );
    const execution = rows[0];
    if (!execution) return undefined;
    emit({
      topic: Topics.HeartbeatEvents,
      aggregateId: execution.heartbeat_id ?? execution.id,
      tenantId: execution.tenant_id,
      type: EVENT_OF[outcome.status],
      payload: { project_id: execution.tenant_id, bot_id: execution.bot_id, log: logView(execution) } satisfies HeartbeatRunEventPayload,
    });
    if (execution.heartbeat_id) await this.count(manager, emit, execution.heartbeat_id, outcome);
    return execution;
  }

  private async count(manager: EntityManager, emit: Emit, heartbeatId: string, outcome: Outcome): Promise<void> {
    const [rows]: [HeartbeatRow[]] = await manager.query(
      `UPDATE heartbeats SET
              execution_count = execution_count + CASE WHEN $2 = 'skipped' THEN 0 ELSE 1 END,
              error_count = error_count + CASE WHEN $2 = 'error' THEN 1 ELSE 0 END,
              consecutive_errors = CASE WHEN $2 = 'success' THEN 0 WHEN $3 THEN consecutive_errors + 1 ELSE consecutive_errors END,
              credits_used = CASE WHEN credits_period = $4 THEN credits_used ELSE 0 END + $5,
              credits_period = $4,
              last_status = $2, last_run_at = now(), updated_at = now()
        WHERE id = $1 RETURNING *`,
      [heartbeatId, outcome.status, countsAsFailure(outcome), periodOf(new Date()), outcome.credits ?? 0],
    );
    const heartbeat = rows[0];
    if (!heartbeat || !heartbeat.enabled || heartbeat.consecutive_errors < heartbeat.max_consecutive_errors) return;
    const reason = `Paused after ${heartbeat.consecutive_errors} consecutive failed runs (max_consecutive_errors ${heartbeat.max_consecutive_errors}); the last: ${outcome.error?.message ?? 'unknown error'}`;
    await manager.query(`UPDATE heartbeats SET enabled = false, next_fire_at = NULL, paused_reason = $2, updated_at = now() WHERE id = $1`, [heartbeatId, reason]);
    await manager.query(`DELETE FROM executions WHERE heartbeat_id = $1 AND type = 'heartbeat' AND status = 'queued'`, [heartbeatId]);
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
