import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DomainError,
  ErrorCodes,
  HeartbeatCommands,
  type ConfigureHeartbeatRequest,
  type EnableHeartbeatRequest,
  type HeartbeatLogView,
  type HeartbeatRef,
  type HeartbeatResultView,
  type HeartbeatView,
  type ListHeartbeatsRequest,
  type ScheduleTaskRequest,
  type TriggerHeartbeatRequest,
} from '@hb/contracts';
import { OnCommand } from '@hb/platform';
import { Dispatcher } from '../firing/dispatcher';
import { Planner } from '../firing/planner';
import { ExecutionsRepository } from './executions.repository';
import { heartbeatView, logView, newId, periodOf, resultView, type HeartbeatRow } from './heartbeat-rows';
import { HeartbeatsRepository } from './heartbeats.repository';
import { checkedNextFire, mergedSchedule } from './heartbeat-rules';
import { parseSchedule } from './schedule';

const DEFAULT_MAX_CONSECUTIVE_ERRORS = 5;
/** How far ahead a one-off task may be set. */
const MAX_TASK_AHEAD_MS = 366 * 24 * 3600 * 1000;
const SCHEDULE_FIELDS = ['interval_minutes', 'cron_pattern', 'timezone', 'active_hours_start', 'active_hours_end', 'active_days'] as const;

/** Specs 001 and 002: heartbeats configured, enabled, disabled, deleted, triggered; one-off tasks. */
@Injectable()
export class HeartbeatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly heartbeats: HeartbeatsRepository,
    private readonly executions: ExecutionsRepository,
    private readonly planner: Planner,
    private readonly dispatcher: Dispatcher,
  ) {}

  /** Creates, or with heartbeatId updates; fields not given keep their value (or take the spec's default). */
  @OnCommand(HeartbeatCommands.Configure)
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
      const settings = { ...fields, prompt, memory_quota: input.plan.memoryQuota, anchor_at: schedule.anchor, next_fire_at: nextFireAt };
      if (!existing) {
        const identity = { id: newId('hb'), tenantId: input.tenantId, botId: input.botId, creditsPeriod: periodOf(now) };
        return heartbeatView(await this.heartbeats.insert(manager, identity, settings));
      }
      const row = await this.heartbeats.update(manager, existing.id, settings, enabling);
      if (!fields.enabled || scheduleChanged) await this.executions.dropQueued(manager, existing.id);
      return heartbeatView(row);
    });
    this.planner.kick();
    return view;
  }

  @OnCommand(HeartbeatCommands.List)
  async list(input: ListHeartbeatsRequest): Promise<{ heartbeats: HeartbeatView[] }> {
    return { heartbeats: (await this.heartbeats.listOwned(input.tenantId, input.botId, input.memberId)).map(heartbeatView) };
  }

  @OnCommand(HeartbeatCommands.Get)
  async get(ref: HeartbeatRef): Promise<HeartbeatView> {
    return heartbeatView(await this.row(this.dataSource.manager, ref, false));
  }

  /** Enables it from the next occurrence on its schedule (an interval's grid stays where it was). */
  @OnCommand(HeartbeatCommands.Enable)
  async enable(input: EnableHeartbeatRequest): Promise<HeartbeatView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const row = await this.row(manager, input);
      if (row.enabled) return heartbeatView(row);
      const next = checkedNextFire(parseSchedule(row, row.anchor_at), input.plan, new Date());
      return heartbeatView(await this.heartbeats.enable(manager, row.id, next, input.plan.memoryQuota));
    });
    this.planner.kick();
    return view;
  }

  @OnCommand(HeartbeatCommands.Disable)
  async disable(ref: HeartbeatRef): Promise<HeartbeatView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.row(manager, ref);
      const disabled = await this.heartbeats.disable(manager, row.id);
      await this.executions.dropQueued(manager, row.id);
      return heartbeatView(disabled);
    });
  }

  /** Deletes it and its occurrences not yet fired; its logs stay in the bot's history. */
  @OnCommand(HeartbeatCommands.Delete)
  async delete(ref: HeartbeatRef): Promise<{ uuid: string }> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.row(manager, ref);
      await this.executions.dropQueued(manager, row.id);
      await this.heartbeats.delete(manager, row.id);
      return { uuid: row.id };
    });
  }

  /** Runs it once now, enabled or not, and answers with the run's result. */
  // A trigger waits for its run: it must not hold the consumer.
  @OnCommand(HeartbeatCommands.Trigger, { detached: true })
  async trigger(input: TriggerHeartbeatRequest): Promise<HeartbeatResultView> {
    const heartbeat = await this.row(this.dataSource.manager, input, false);
    const id = newId('log');
    await this.executions.addManual(id, heartbeat, input.memoryQuota);
    const fired = await this.dispatcher.fireAndWait(id);
    return resultView(fired ?? (await this.executions.byId(id))!);
  }

  /** A one-off run of a prompt at a given time, logged with type scheduled_task. */
  @OnCommand(HeartbeatCommands.ScheduleTask)
  async scheduleTask(input: ScheduleTaskRequest): Promise<HeartbeatLogView> {
    const runAt = new Date(input.run_at);
    if (runAt.getTime() > Date.now() + MAX_TASK_AHEAD_MS) throw new DomainError(ErrorCodes.ValidationError, 'run_at may be at most 366 days ahead', 'run_at');
    const row = await this.executions.addTask({
      id: newId('log'),
      tenantId: input.tenantId,
      botId: input.botId,
      memberId: input.member_id ?? null,
      prompt: input.prompt,
      memoryQuota: input.memoryQuota,
      runAt,
    });
    this.planner.kick();
    return logView(row);
  }

  /** The heartbeat, locked for the transaction unless `forUpdate` is false; 404 when it is not the bot's. */
  private async row(manager: EntityManager, ref: HeartbeatRef, forUpdate = true): Promise<HeartbeatRow> {
    const row = await this.heartbeats.findOwned(ref, forUpdate, manager);
    if (!row) throw new DomainError(ErrorCodes.ResourceNotFound, `Heartbeat ${ref.heartbeatId} not found`, 'heartbeat_id');
    return row;
  }
}
