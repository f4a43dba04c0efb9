import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AgentCommands, DomainError, ErrorCodes, SkipReasons } from '@hb/contracts';
import { CommandClient, Outbox, PLATFORM_OPTIONS, type PlatformOptions } from '@hb/platform';
import type { HeartbeatSchedulerEnv } from '../config/env';
import { creditsThisPeriod, type ExecutionRow, type HeartbeatRow } from '../heartbeats/heartbeat-rows';
import { Recorder } from './recorder';
import { outcomeOfRun, skipped } from './run-outcome';

/** A synchronous trigger waits as long as the runtime holds an invoke with wait: true, and a little more. */
export const TRIGGER_WAIT_MS = 300_000;

/** Failures of the way to the runtime, not of the run: the dispatch is tried again. */
const TRANSIENT = new Set<string>([ErrorCodes.ServiceTimeout, ErrorCodes.ExternalServiceError]);

/**
 * Fires one execution: checks that it may run (its heartbeat still enabled, the budget not spent,
 * no earlier run of it still going), marks it running, and hands its prompt to the agent runtime as
 * a heartbeat run. The execution's id is the invoke's idempotency key, so firing it again (a
 * retried or duplicated job, another replica) never starts a second run.
 */
@Injectable()
export class Dispatcher {
  private readonly env: HeartbeatSchedulerEnv;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly commands: CommandClient,
    private readonly recorder: Recorder,
    @Inject(PLATFORM_OPTIONS) options: PlatformOptions,
  ) {
    this.env = options.env as HeartbeatSchedulerEnv;
  }

  /** The execution as it stands after firing; undefined when there was nothing to fire. */
  async fire(executionId: string, options: { wait: boolean }): Promise<ExecutionRow | undefined> {
    const started = await this.start(executionId);
    if (!started || started.status !== 'running') return started;
    try {
      const run = await this.commands.request(
        'agent-runtime',
        AgentCommands.Invoke,
        {
          tenantId: started.tenant_id,
          agentId: started.bot_id,
          message: started.prompt,
          idempotencyKey: started.id,
          wait: options.wait,
          trigger: 'heartbeat',
          memoryQuota: started.memory_quota,
        },
        { tenantId: started.tenant_id, key: started.id, timeoutMs: options.wait ? TRIGGER_WAIT_MS : this.env.HEARTBEAT_DISPATCH_TIMEOUT_MS },
      );
      if (run.status === 'completed' || run.status === 'failed') return (await this.recorder.finish(started.id, outcomeOfRun(run))) ?? (await this.current(started.id));
      await this.dataSource.query(`UPDATE executions SET run_id = $2 WHERE id = $1 AND run_id IS NULL`, [started.id, run.run_id]);
      return { ...started, run_id: run.run_id };
    } catch (error) {
      if (!(error instanceof DomainError) || TRANSIENT.has(error.code)) throw error;
      const outcome =
        error.code === ErrorCodes.FeatureNotEnabled
          ? skipped(SkipReasons.BotHeartbeatOff, 'The bot does not have heartbeat: true (POST /v1/bot/update sets it)')
          : { status: 'error' as const, error: { code: error.code === ErrorCodes.ResourceNotFound ? 'bot_not_found' : 'dispatch_refused', message: error.message } };
      return (await this.recorder.finish(started.id, outcome)) ?? (await this.current(started.id));
    }
  }

  /**
   * Moves a queued execution to running, or ends it as skipped, under its heartbeat's row lock (so
   * two occurrences of one heartbeat cannot both pass the checks). A running one without a run is a
   * dispatch that did not finish: it goes again.
   */
  private async start(executionId: string): Promise<ExecutionRow | undefined> {
    return this.outbox.transaction(async (manager, emit) => {
      const [execution]: ExecutionRow[] = await manager.query(`SELECT * FROM executions WHERE id = $1 FOR UPDATE`, [executionId]);
      if (!execution || execution.status !== 'queued') return execution;
      if (execution.heartbeat_id) {
        const [heartbeat]: HeartbeatRow[] = await manager.query(`SELECT * FROM heartbeats WHERE id = $1 FOR UPDATE`, [execution.heartbeat_id]);
        if (execution.type === 'heartbeat' && !heartbeat?.enabled) {
          // Disabled or deleted since it was claimed: the occurrence is no longer wanted.
          await manager.query(`DELETE FROM executions WHERE id = $1`, [executionId]);
          return undefined;
        }
        if (heartbeat) {
          const reason = await this.reasonToSkip(manager, heartbeat);
          if (reason) return this.recorder.finishIn(manager, emit, executionId, reason);
        }
      }
      const [rows]: [ExecutionRow[]] = await manager.query(
        `UPDATE executions SET status = 'running', fired_at = now() WHERE id = $1 RETURNING *`,
        [executionId],
      );
      return rows[0];
    });
  }

  private async reasonToSkip(manager: DataSource['manager'], heartbeat: HeartbeatRow) {
    if (heartbeat.credit_budget !== null && creditsThisPeriod(heartbeat) >= heartbeat.credit_budget) {
      return skipped(SkipReasons.BudgetSpent, `The credit budget of ${heartbeat.credit_budget} for this month is spent (${creditsThisPeriod(heartbeat)} used)`);
    }
    const [running] = await manager.query(`SELECT id FROM executions WHERE heartbeat_id = $1 AND status = 'running' LIMIT 1`, [heartbeat.id]);
    if (running) return skipped(SkipReasons.PreviousRunRunning, `The previous run (${running.id}) is still running`);
    return undefined;
  }

  private async current(executionId: string): Promise<ExecutionRow | undefined> {
    const [row] = await this.dataSource.query(`SELECT * FROM executions WHERE id = $1`, [executionId]);
    return row;
  }
}
