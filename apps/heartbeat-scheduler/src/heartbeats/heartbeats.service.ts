import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DomainError,
  ErrorCodes,
  type ConfigureHeartbeatRequest,
  type EnableHeartbeatRequest,
  type HeartbeatLogView,
  type HeartbeatRef,
  type HeartbeatResultView,
  type HeartbeatView,
  type ListHeartbeatsRequest,
  type PlanTerms,
  type ScheduleTaskRequest,
  type TriggerHeartbeatRequest,
} from '@hb/contracts';
import { Dispatcher } from '../firing/dispatcher';
import { Planner } from '../firing/planner';
import { heartbeatView, logView, newId, periodOf, resultView, type ExecutionRow, type HeartbeatRow } from './heartbeat-rows';
import { nextFire, parseSchedule, shortestGapMinutes, type Schedule, type ScheduleInput } from './schedule';

const DEFAULT_INTERVAL_MINUTES = 30;
const DEFAULT_MAX_CONSECUTIVE_ERRORS = 5;
/** How far ahead a one-off task may be set. */
const MAX_TASK_AHEAD_MS = 366 * 24 * 3600 * 1000;
const SCHEDULE_FIELDS = ['interval_minutes', 'cron_pattern', 'timezone', 'active_hours_start', 'active_hours_end', 'active_days'] as const;

/** Specs 001 and 002: heartbeats configured, enabled, disabled, deleted, triggered; one-off tasks. */
@Injectable()
export class HeartbeatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly planner: Planner,
    private readonly dispatcher: Dispatcher,
  ) {}

  /** Creates, or with heartbeatId updates; fields not given keep their value (or take the spec's default). */
  async configure(input: ConfigureHeartbeatRequest): Promise<HeartbeatView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const existing = input.heartbeatId ? await this.row(manager, { ...input, heartbeatId: input.heartbeatId }) : undefined;
      const prompt = input.prompt ?? existing?.prompt;
      if (prompt === undefined) throw new DomainError(ErrorCodes.ValidationError, 'prompt is required', 'prompt');
      const fields = {
        ...mergedSchedule(input, existing),
        enabled: input.enabled ?? existing?.enabled ?? false,
        credit_budget: input.credit_budget !== undefined ? input.credit_budget : (existing?.credit_budget ?? null),
        max_consecutive_errors: input.max_consecutive_errors ?? existing?.max_consecutive_errors ?? DEFAULT_MAX_CONSECUTIVE_ERRORS,
        member_id: input.member_id !== undefined ? input.member_id : (existing?.member_id ?? null),
      };
      const now = new Date();
      const scheduleChanged = !existing || SCHEDULE_FIELDS.some((field) => existing[field] !== fields[field]);
      const schedule = parseSchedule(fields, scheduleChanged ? now : existing.anchor_at);
      const next = checkedNextFire(schedule, input.plan, now);
      const enabling = fields.enabled && !existing?.enabled;
      const nextFireAt = !fields.enabled ? null : !scheduleChanged && !enabling && existing?.next_fire_at ? existing.next_fire_at : next;
      const values = [
        prompt,
        fields.interval_minutes,
        fields.cron_pattern,
        fields.timezone,
        fields.active_hours_start,
        fields.active_hours_end,
        fields.active_days,
        fields.enabled,
        fields.credit_budget,
        fields.max_consecutive_errors,
        fields.member_id,
        JSON.stringify(input.plan.memoryQuota),
        schedule.anchor,
        nextFireAt,
      ];
      if (!existing) {
        const [row]: HeartbeatRow[] = await manager.query(
          `INSERT INTO heartbeats (prompt, interval_minutes, cron_pattern, timezone, active_hours_start, active_hours_end, active_days, enabled,
                                   credit_budget, max_consecutive_errors, member_id, memory_quota, anchor_at, next_fire_at,
                                   id, tenant_id, bot_id, credits_period)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING *`,
          [...values, newId('hb'), input.tenantId, input.botId, periodOf(now)],
        );
        return heartbeatView(row);
      }
      const [rows]: [HeartbeatRow[]] = await manager.query(
        `UPDATE heartbeats SET prompt = $1, interval_minutes = $2, cron_pattern = $3, timezone = $4, active_hours_start = $5, active_hours_end = $6,
                active_days = $7, enabled = $8, credit_budget = $9, max_consecutive_errors = $10, member_id = $11, memory_quota = $12,
                anchor_at = $13, next_fire_at = $14, updated_at = now(),
                consecutive_errors = CASE WHEN $16 THEN 0 ELSE consecutive_errors END,
                paused_reason = CASE WHEN $8 THEN NULL ELSE paused_reason END
          WHERE id = $15 RETURNING *`,
        [...values, existing.id, enabling],
      );
      if (!fields.enabled || scheduleChanged) await dropQueued(manager, existing.id);
      return heartbeatView(rows[0]);
    });
    this.planner.kick();
    return view;
  }

  async list(input: ListHeartbeatsRequest): Promise<{ heartbeats: HeartbeatView[] }> {
    const rows: HeartbeatRow[] = await this.dataSource.query(
      `SELECT * FROM heartbeats WHERE tenant_id = $1 AND bot_id = $2 AND ($3::text IS NULL OR member_id = $3) ORDER BY created_at, id`,
      [input.tenantId, input.botId, input.memberId ?? null],
    );
    return { heartbeats: rows.map(heartbeatView) };
  }

  async get(ref: HeartbeatRef): Promise<HeartbeatView> {
    return heartbeatView(await this.row(this.dataSource.manager, ref, false));
  }

  /** Enables it from the next occurrence on its schedule (an interval's grid stays where it was). */
  async enable(input: EnableHeartbeatRequest): Promise<HeartbeatView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const row = await this.row(manager, input);
      if (row.enabled) return heartbeatView(row);
      const next = checkedNextFire(parseSchedule(row, row.anchor_at), input.plan, new Date());
      const [rows]: [HeartbeatRow[]] = await manager.query(
        `UPDATE heartbeats SET enabled = true, next_fire_at = $2, memory_quota = $3, consecutive_errors = 0, paused_reason = NULL, updated_at = now()
          WHERE id = $1 RETURNING *`,
        [row.id, next, JSON.stringify(input.plan.memoryQuota)],
      );
      return heartbeatView(rows[0]);
    });
    this.planner.kick();
    return view;
  }

  async disable(ref: HeartbeatRef): Promise<HeartbeatView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.row(manager, ref);
      const [rows]: [HeartbeatRow[]] = await manager.query(
        `UPDATE heartbeats SET enabled = false, next_fire_at = NULL, updated_at = now() WHERE id = $1 RETURNING *`,
        [row.id],
      );
      await dropQueued(manager, row.id);
      return heartbeatView(rows[0]);
    });
  }

  /** Deletes it and its occurrences not yet fired; its logs stay in the bot's history. */
  async delete(ref: HeartbeatRef): Promise<{ uuid: string }> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.row(manager, ref);
      await dropQueued(manager, row.id);
      await manager.query(`DELETE FROM heartbeats WHERE id = $1`, [row.id]);
      return { uuid: row.id };
    });
  }

  /** Runs it once now, enabled or not, and answers with the run's result. */
  async trigger(input: TriggerHeartbeatRequest): Promise<HeartbeatResultView> {
    const heartbeat = await this.row(this.dataSource.manager, input, false);
    const id = newId('log');
    await this.dataSource.query(
      // Fired here, not by the planner: marked as handed on so no replica's planner queues it too.
      `INSERT INTO executions (id, tenant_id, bot_id, heartbeat_id, member_id, type, status, prompt, memory_quota, scheduled_for, enqueued_at)
       VALUES ($1, $2, $3, $4, $5, 'manual', 'queued', $6, $7, now(), now())`,
      [id, heartbeat.tenant_id, heartbeat.bot_id, heartbeat.id, heartbeat.member_id, heartbeat.prompt, JSON.stringify(input.memoryQuota)],
    );
    const fired = await this.dispatcher.fireAndWait(id);
    return resultView(fired ?? (await this.execution(id)));
  }

  /** A one-off run of a prompt at a given time, logged with type scheduled_task. */
  async scheduleTask(input: ScheduleTaskRequest): Promise<HeartbeatLogView> {
    const runAt = new Date(input.run_at);
    if (runAt.getTime() > Date.now() + MAX_TASK_AHEAD_MS) throw new DomainError(ErrorCodes.ValidationError, 'run_at may be at most 366 days ahead', 'run_at');
    const [row]: ExecutionRow[] = await this.dataSource.query(
      `INSERT INTO executions (id, tenant_id, bot_id, member_id, type, status, prompt, memory_quota, scheduled_for)
       VALUES ($1, $2, $3, $4, 'scheduled_task', 'queued', $5, $6, greatest($7::timestamptz, now())) RETURNING *`,
      [newId('log'), input.tenantId, input.botId, input.member_id ?? null, input.prompt, JSON.stringify(input.memoryQuota), runAt],
    );
    this.planner.kick();
    return logView(row);
  }

  /** The heartbeat, locked for the transaction unless `forUpdate` is false; 404 when it is not the bot's. */
  private async row(manager: EntityManager, ref: HeartbeatRef, forUpdate = true): Promise<HeartbeatRow> {
    const [row]: HeartbeatRow[] = await manager.query(
      `SELECT * FROM heartbeats WHERE id = $1 AND tenant_id = $2 AND bot_id = $3 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [ref.heartbeatId, ref.tenantId, ref.botId],
    );
    if (!row) throw new DomainError(ErrorCodes.ResourceNotFound, `Heartbeat ${ref.heartbeatId} not found`, 'heartbeat_id');
    return row;
  }

  private async execution(id: string): Promise<ExecutionRow> {
    const [row] = await this.dataSource.query(`SELECT * FROM executions WHERE id = $1`, [id]);
    return row;
  }
}

/**
 * The schedule after a configure: cron_pattern given makes it a cron schedule, interval_minutes
 * an interval one; neither keeps what it was (a new heartbeat: every 30 minutes).
 */
function mergedSchedule(input: ConfigureHeartbeatRequest, existing: HeartbeatRow | undefined): ScheduleInput {
  const keep = <K extends keyof ScheduleInput>(field: K, fallback: ScheduleInput[K]): ScheduleInput[K] =>
    input[field] !== undefined ? (input[field] as ScheduleInput[K]) : existing ? existing[field] : fallback;
  const cron = input.cron_pattern ?? null;
  const interval = input.interval_minutes ?? null;
  let schedule: Pick<ScheduleInput, 'interval_minutes' | 'cron_pattern'>;
  if (cron !== null || interval !== null) schedule = { interval_minutes: interval, cron_pattern: cron };
  else if (existing && input.cron_pattern === undefined) schedule = { interval_minutes: existing.interval_minutes, cron_pattern: existing.cron_pattern };
  else schedule = { interval_minutes: existing?.interval_minutes ?? DEFAULT_INTERVAL_MINUTES, cron_pattern: null };
  return {
    ...schedule,
    timezone: keep('timezone', 'UTC'),
    active_hours_start: keep('active_hours_start', null),
    active_hours_end: keep('active_hours_end', null),
    active_days: keep('active_days', null),
  };
}

/** The first fire after now, checked against the plan's shortest interval and for ever firing at all. */
function checkedNextFire(schedule: Schedule, plan: PlanTerms, now: Date): Date {
  const field = schedule.cronPattern !== null ? 'cron_pattern' : 'interval_minutes';
  const gap = shortestGapMinutes(schedule, now);
  if (gap < plan.minIntervalMinutes) {
    throw new DomainError(
      ErrorCodes.ValidationError,
      `The schedule runs every ${gap} minutes; the plan's minimum interval is ${plan.minIntervalMinutes} minutes`,
      field,
    );
  }
  const next = nextFire(schedule, now);
  if (!next) throw new DomainError(ErrorCodes.ValidationError, 'The schedule never runs inside its active hours and days', schedule.window ? 'active_hours_start' : field);
  return next;
}

/** Occurrences claimed but not yet fired: no longer wanted once the heartbeat stops or changes. */
async function dropQueued(manager: EntityManager, heartbeatId: string): Promise<void> {
  await manager.query(`DELETE FROM executions WHERE heartbeat_id = $1 AND type = 'heartbeat' AND status = 'queued'`, [heartbeatId]);
}
