import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import type { Queue } from 'bull';
import { AgentCommands, DomainError, ErrorCodes, RunWaits, SkipReasons, type RunView } from '@hb/contracts';
import { CommandClient, InjectEnv, Outbox } from '@hb/platform';
import type { HeartbeatSchedulerEnv } from '../config/env';
import { ExecutionsRepository } from '../heartbeats/executions.repository';
import { creditsThisPeriod, type ExecutionRow, type HeartbeatRow } from '../heartbeats/heartbeat-rows';
import { HeartbeatsRepository } from '../heartbeats/heartbeats.repository';
import { FIRE_QUEUE, type FireJob } from './fire-queue';
import { HeartbeatMetrics } from './heartbeat-metrics';
import { Recorder } from './recorder';
import { outcomeOfRun, skipped, type Outcome } from './run-outcome';

/**
 * Failures of the way to the runtime or inside it (an overloaded database), not of the heartbeat:
 * the execution keeps no run id and the sweep dispatches it again.
 */
const TRANSIENT = new Set<string>([ErrorCodes.ServiceTimeout, ErrorCodes.ExternalServiceError, ErrorCodes.InternalError]);
/** Run ids the runtime answered with are written together, this often. */
const ACCEPTED_FLUSH_MS = 25;
/** A dispatch the runtime failed to take (not a timeout: an answer) goes again this much later. */
const RETRY_REFUSED_MS = 5000;

/**
 * Fires executions: checks that each may run (its heartbeat still enabled, the budget not spent,
 * no earlier run of it still going), marks it running, and hands its prompt to the agent runtime as
 * a heartbeat run. The execution's id is the invoke's idempotency key, so firing it again (a
 * retried or duplicated job, another replica) never starts a second run.
 */
@Injectable()
export class Dispatcher {
  private readonly logger = new Logger(Dispatcher.name);
  /** Execution id → the run the runtime started for it, not yet written. */
  private readonly accepted = new Map<string, string>();
  private flushing?: NodeJS.Timeout;

  constructor(
    private readonly heartbeatRows: HeartbeatsRepository,
    private readonly executions: ExecutionsRepository,
    private readonly outbox: Outbox,
    private readonly commands: CommandClient,
    private readonly recorder: Recorder,
    @InjectQueue(FIRE_QUEUE) private readonly queue: Queue<FireJob>,
    @InjectEnv() private readonly env: HeartbeatSchedulerEnv,
    private readonly metrics: HeartbeatMetrics,
  ) {}

  /**
   * Fires executions due together, in one transaction and one write to Kafka; done once Kafka holds
   * the invokes. The runtime takes them at its own pace and its answers (the runs' ids, or
   * refusals) are recorded as they come, so a backlog in the runtime does not hold the fires
   * behind it. One left unanswered keeps no run id and the sweep dispatches it again.
   */
  async fireMany(executionIds: string[]): Promise<void> {
    const started = await this.start(executionIds);
    if (started.length === 0) return;
    const { sent, replies } = this.commands.sendMany(
      AgentCommands.Invoke,
      started.map((execution) => ({ payload: this.invokeOf(execution, false), options: this.optionsOf(execution, this.env.HEARTBEAT_DISPATCH_TIMEOUT_MS) })),
    );
    await sent;
    started.forEach((execution, i) =>
      this.answered(execution, replies[i]).catch((error: Error) => this.logger.warn(`dispatch of ${execution.id} unanswered: ${error.message}`)),
    );
  }

  /** Fires one execution and waits for its run to end (a trigger); the execution as it then stands. */
  async fireAndWait(executionId: string): Promise<ExecutionRow | undefined> {
    const [started] = await this.start([executionId]);
    if (!started) return this.current(executionId);
    const reply = this.commands.request(AgentCommands.Invoke, this.invokeOf(started, true), this.optionsOf(started, RunWaits.invoke));
    return this.answered(started, reply);
  }

  private invokeOf(execution: ExecutionRow, wait: boolean) {
    return {
      tenantId: execution.tenant_id,
      agentId: execution.bot_id,
      message: execution.prompt,
      idempotencyKey: execution.id,
      wait,
      trigger: 'heartbeat' as const,
      memoryQuota: execution.memory_quota,
    };
  }

  private optionsOf(execution: ExecutionRow, timeoutMs: number) {
    return { tenantId: execution.tenant_id, key: execution.id, timeoutMs };
  }

  private async answered(started: ExecutionRow, reply: Promise<RunView>): Promise<ExecutionRow | undefined> {
    try {
      const run = await reply;
      if (run.status === 'completed' || run.status === 'failed') return (await this.recorder.finish(started.id, outcomeOfRun(run))) ?? (await this.current(started.id));
      this.noteAccepted(started.id, run.run_id);
      return { ...started, run_id: run.run_id };
    } catch (error) {
      if (!(error instanceof DomainError) || TRANSIENT.has(error.code)) {
        // Answered with a failure of its own (an overloaded database): soon again. Unanswered: the
        // sweep dispatches it again once the runtime has had all the time it was given.
        if (error instanceof DomainError && error.code === ErrorCodes.InternalError) {
          await this.queue.add({ executionIds: [started.id] }, { delay: RETRY_REFUSED_MS, jobId: `${started.id}.${Date.now()}` });
        }
        throw error;
      }
      const outcome: Outcome =
        error.code === ErrorCodes.FeatureNotEnabled
          ? skipped(SkipReasons.BotHeartbeatOff, 'The bot does not have heartbeat: true (POST /v1/bot/update sets it)')
          : { status: 'error', error: { code: error.code === ErrorCodes.ResourceNotFound ? 'bot_not_found' : 'dispatch_refused', message: error.message } };
      return (await this.recorder.finish(started.id, outcome)) ?? (await this.current(started.id));
    }
  }

  /**
   * Records the run ids in batches: one statement for the many answers a burst brings. One lost
   * with this process leaves its execution without a run id; the sweep dispatches it again and the
   * runtime answers with the same run (the idempotency key).
   */
  private noteAccepted(executionId: string, runId: string): void {
    this.accepted.set(executionId, runId);
    this.flushing ??= setTimeout(() => {
      this.flushing = undefined;
      const batch = [...this.accepted];
      this.accepted.clear();
      this.executions
        .recordRunIds(batch)
        .catch((error: Error) => this.logger.warn(`recording ${batch.length} run ids failed: ${error.message}`));
    }, ACCEPTED_FLUSH_MS);
  }

  /**
   * Moves queued executions to running, or ends them as skipped, under their heartbeats' row locks
   * (taken in id order), so two occurrences of one heartbeat cannot both pass the checks. Answers
   * those to dispatch: the newly running, and running ones without a run (a dispatch that did not
   * finish, which goes again).
   */
  private async start(executionIds: string[]): Promise<ExecutionRow[]> {
    const { toDispatch, fired } = await this.outbox.transaction(async (manager, emit, afterCommit) => {
      // Heartbeats first, then their executions, as every other writer locks them (configure,
      // disable, delete, auto-pause): one order, no deadlock.
      const heartbeatIds = (await this.executions.heartbeatIdsOf(manager, executionIds)).sort();
      const heartbeats = new Map<string, HeartbeatRow>();
      const running = new Set<string>();
      if (heartbeatIds.length > 0) {
        for (const row of await this.heartbeatRows.lockMany(manager, heartbeatIds)) heartbeats.set(row.id, row);
      }
      const executions = await this.executions.lockOpen(manager, executionIds);
      const queued = executions.filter((execution) => execution.status === 'queued');
      if (heartbeatIds.length > 0) {
        for (const id of await this.executions.heartbeatsRunning(manager, heartbeatIds)) running.add(id);
      }
      const unwanted: string[] = [];
      const toStart: string[] = [];
      for (const execution of queued) {
        const heartbeat = execution.heartbeat_id ? heartbeats.get(execution.heartbeat_id) : undefined;
        if (execution.type === 'heartbeat' && !heartbeat?.enabled) {
          // Disabled or deleted since it was claimed: the occurrence is no longer wanted.
          unwanted.push(execution.id);
          continue;
        }
        const reason = heartbeat ? reasonToSkip(heartbeat, running.has(heartbeat.id)) : undefined;
        if (reason) {
          await this.recorder.finishIn(manager, emit, afterCommit, execution.id, reason);
          continue;
        }
        if (heartbeat) running.add(heartbeat.id);
        toStart.push(execution.id);
      }
      if (unwanted.length > 0) await this.executions.deleteMany(manager, unwanted);
      const started = toStart.length > 0 ? await this.executions.markFired(manager, toStart) : [];
      return { toDispatch: [...executions.filter((execution) => execution.status === 'running' && execution.run_id === null), ...started], fired: started };
    });
    this.metrics.fired(fired);
    return toDispatch;
  }

  private async current(executionId: string): Promise<ExecutionRow | undefined> {
    return this.executions.byId(executionId);
  }
}

function reasonToSkip(heartbeat: HeartbeatRow, previousRunning: boolean): Outcome | undefined {
  const spent = creditsThisPeriod(heartbeat);
  if (heartbeat.credit_budget !== null && spent >= heartbeat.credit_budget) {
    return skipped(SkipReasons.BudgetSpent, `The credit budget of ${heartbeat.credit_budget} for this month is spent (${spent} used)`);
  }
  if (previousRunning) return skipped(SkipReasons.PreviousRunRunning, 'The previous run of this heartbeat is still running');
  return undefined;
}
