import { Injectable } from '@nestjs/common';
import { Metrics, type Counter, type Histogram } from '@hb/platform';
import { ExecutionsRepository } from '../heartbeats/executions.repository';
import type { ExecutionRow } from '../heartbeats/heartbeat-rows';
import type { Outcome } from './run-outcome';

/**
 * What an operator sees of the scheduler: how late each fire is against its schedule, how runs end
 * and why they were skipped, the auto-pauses, and what is due and not yet fired.
 */
@Injectable()
export class HeartbeatMetrics {
  private readonly lateness: Histogram<'type'>;
  private readonly fires: Counter<'type'>;
  private readonly outcomes: Counter<'outcome'>;
  private readonly skips: Counter<'reason'>;
  private readonly pauses: Counter;

  constructor(metrics: Metrics, executions: ExecutionsRepository) {
    this.lateness = metrics.histogram(
      'heartbeat_fire_lateness_seconds',
      'From when an execution was due to when it fired (heartbeat occurrences, scheduled tasks, manual triggers).',
      ['type'],
      [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    );
    this.fires = metrics.counter('heartbeat_fires_total', 'Executions fired: handed to the agent runtime as a run.', ['type']);
    this.outcomes = metrics.counter('heartbeat_executions_total', 'Executions ended, by outcome (success, error, skipped).', ['outcome']);
    this.skips = metrics.counter('heartbeat_skips_total', 'Executions skipped, by reason (credit_budget_spent, previous_run_running, bot_heartbeat_disabled).', ['reason']);
    this.pauses = metrics.counter('heartbeat_auto_pauses_total', 'Heartbeats the scheduler disabled after max_consecutive_errors failed runs in a row.');
    metrics.gauge('heartbeat_due_executions', 'Executions due (their time has come) and not yet fired: the backlog.', [], async (gauge) => {
      gauge.set(await executions.dueCount());
    });
  }

  fired(rows: ExecutionRow[]): void {
    for (const row of rows) {
      this.fires.inc({ type: row.type });
      if (row.fired_at) this.lateness.observe({ type: row.type }, Math.max(0, (row.fired_at.getTime() - row.scheduled_for.getTime()) / 1000));
    }
  }

  ended(outcome: Outcome): void {
    this.outcomes.inc({ outcome: outcome.status });
    if (outcome.status === 'skipped') this.skips.inc({ reason: outcome.error?.code ?? 'unknown' });
  }

  paused(): void {
    this.pauses.inc();
  }
}
