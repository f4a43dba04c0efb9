import type { HeartbeatLogStatus, HeartbeatLogType, HeartbeatLogView, HeartbeatResultView, HeartbeatView, MemoryQuota } from '@hb/contracts';
import { prefixedId } from '@hb/platform';
import { parseSchedule, type Schedule, type ScheduleInput } from './schedule';

/** A heartbeats row: its schedule as the API took it, and its state. */
export interface HeartbeatRow extends ScheduleInput {
  id: string;
  tenant_id: string;
  bot_id: string;
  member_id: string | null;
  prompt: string;
  enabled: boolean;
  credit_budget: number | null;
  credits_used: number;
  credits_period: string;
  execution_count: number;
  error_count: number;
  consecutive_errors: number;
  max_consecutive_errors: number;
  last_status: 'success' | 'error' | 'skipped' | null;
  last_run_at: Date | null;
  paused_reason: string | null;
  memory_quota: MemoryQuota;
  anchor_at: Date;
  next_fire_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface ExecutionRow {
  id: string;
  tenant_id: string;
  bot_id: string;
  heartbeat_id: string | null;
  member_id: string | null;
  type: HeartbeatLogType;
  status: HeartbeatLogStatus;
  prompt: string;
  memory_quota: MemoryQuota;
  scheduled_for: Date;
  enqueued_at: Date | null;
  fired_at: Date | null;
  run_id: string | null;
  response: string | null;
  error: { code: string; message: string } | null;
  duration_ms: number | null;
  tokens_used: number | null;
  credits_charged: number | null;
  finished_at: Date | null;
  created_at: Date;
}

/** Ids as the Heartbeat API shows them: hb_… for heartbeats, log_… for their executions, then 24 hex digits. */
export function newId(prefix: 'hb' | 'log'): string {
  return prefixedId(prefix, { alphabet: 'hex', length: 24 });
}

/** The billing period a time falls in: its calendar month, UTC. */
export function periodOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The spec's timestamps carry no milliseconds. */
export function timestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function scheduleOf(row: HeartbeatRow): Schedule {
  return parseSchedule(row, row.anchor_at);
}

/** Credits charged this billing period (a row last charged in an earlier month has spent none). */
export function creditsThisPeriod(row: HeartbeatRow, now = new Date()): number {
  return row.credits_period === periodOf(now) ? row.credits_used : 0;
}

export function heartbeatView(row: HeartbeatRow): HeartbeatView {
  return {
    uuid: row.id,
    project_id: row.tenant_id,
    bot_id: row.bot_id,
    member_id: row.member_id,
    prompt: row.prompt,
    interval_minutes: row.interval_minutes,
    cron_pattern: row.cron_pattern,
    enabled: row.enabled ? 1 : 0,
    timezone: row.timezone,
    active_hours_start: row.active_hours_start,
    active_hours_end: row.active_hours_end,
    active_days: row.active_days,
    credit_budget: row.credit_budget,
    credits_used: creditsThisPeriod(row),
    execution_count: row.execution_count,
    error_count: row.error_count,
    consecutive_errors: row.consecutive_errors,
    max_consecutive_errors: row.max_consecutive_errors,
    last_status: row.last_status,
    last_run_at: row.last_run_at ? timestamp(row.last_run_at) : null,
    next_run_at: row.next_fire_at ? timestamp(row.next_fire_at) : null,
    paused_reason: row.paused_reason,
    created_at: timestamp(row.created_at),
    updated_at: timestamp(row.updated_at),
  };
}

export function logView(row: ExecutionRow): HeartbeatLogView {
  return {
    uuid: row.id,
    heartbeat_id: row.heartbeat_id,
    member_id: row.member_id,
    type: row.type,
    status: row.status,
    prompt: row.prompt,
    response: row.response,
    error: row.error,
    duration_ms: row.duration_ms,
    tokens_used: row.tokens_used,
    credits_charged: row.credits_charged,
    run_id: row.run_id,
    scheduled_for: timestamp(row.scheduled_for),
    created_at: timestamp(row.fired_at ?? row.scheduled_for),
  };
}

export function resultView(row: ExecutionRow): HeartbeatResultView {
  return {
    log_id: row.id,
    status: row.status,
    response: row.response,
    error: row.error,
    duration_ms: row.duration_ms,
    tokens_used: row.tokens_used,
    credits_charged: row.credits_charged,
  };
}
