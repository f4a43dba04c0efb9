import { Type } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { answeredBy, defineCommand, defineQuery } from './command';
import { MAX_PAGE } from '../validation';
import { MemoryQuota } from './memory-fields';

export const MAX_HEARTBEAT_PROMPT = 50_000;
/** Pages of logs beyond this are refused (their offset would leave Postgres' range long before). */
export const MAX_LOG_PAGE = MAX_PAGE;
export type HeartbeatLogType = 'heartbeat' | 'manual' | 'scheduled_task';
/** What a log may say: queued and running while it goes, then one of the spec's three. */
export const FINISHED_LOG_STATUSES = ['success', 'error', 'skipped'] as const;
export type HeartbeatLogStatus = 'queued' | 'running' | (typeof FINISHED_LOG_STATUSES)[number];

/** Why a due run did not run (a skipped log's error.code). */
export const SkipReasons = {
  BudgetSpent: 'credit_budget_spent',
  PreviousRunRunning: 'previous_run_running',
  BotHeartbeatOff: 'bot_heartbeat_disabled',
} as const;

/** Why an execution that ran failed on the scheduler's side (a failed log's error.code). */
export const ExecutionErrors = {
  /** The runtime took the run and never reported its end, past the dispatch deadline. */
  RunLost: 'run_lost',
} as const;

/** A heartbeat as spec 002 shows it (`enabled` is 1 or 0, as there), and the rest of its state. */
export interface HeartbeatView {
  uuid: string;
  project_id: string;
  bot_id: string;
  member_id: string | null;
  prompt: string;
  interval_minutes: number | null;
  cron_pattern: string | null;
  enabled: 0 | 1;
  timezone: string;
  active_hours_start: string | null;
  active_hours_end: string | null;
  active_days: string | null;
  credit_budget: number | null;
  /** Credits its runs were charged in the current billing period (the calendar month, UTC). */
  credits_used: number;
  execution_count: number;
  error_count: number;
  consecutive_errors: number;
  max_consecutive_errors: number;
  last_status: 'success' | 'error' | 'skipped' | null;
  last_run_at: string | null;
  next_run_at: string | null;
  /** Why the scheduler disabled it (after max_consecutive_errors failures in a row). */
  paused_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface HeartbeatLogView {
  uuid: string;
  heartbeat_id: string | null;
  member_id: string | null;
  type: HeartbeatLogType;
  status: HeartbeatLogStatus;
  prompt: string;
  response: string | null;
  /** For an error, what went wrong; for a skipped run, why it did not run. */
  error: { code: string; message: string } | null;
  duration_ms: number | null;
  tokens_used: number | null;
  credits_charged: number | null;
  run_id: string | null;
  scheduled_for: string;
  created_at: string;
}

/** The answer to a trigger: spec 002's {status, response, duration_ms, tokens_used, credits_charged}. */
export interface HeartbeatResultView {
  log_id: string;
  status: HeartbeatLogStatus;
  response: string | null;
  error: { code: string; message: string } | null;
  duration_ms: number | null;
  tokens_used: number | null;
  credits_charged: number | null;
}

export interface HeartbeatStatsView {
  total_executions: number;
  success_count: number;
  error_count: number;
  skipped_count: number;
  success_rate: number;
  total_tokens: number;
  total_credits: number;
  avg_duration_ms: number;
  active_heartbeats: number;
  by_type: Partial<Record<HeartbeatLogType, { count: number; success_rate: number }>>;
  time_series: Array<{ date: string; total: number; success: number; error: number; skipped: number }>;
}

export class BotRef {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @MinLength(1) @MaxLength(64) botId!: string;
}

export class HeartbeatRef extends BotRef {
  @IsString() @MinLength(1) @MaxLength(64) heartbeatId!: string;
}

/** What the gateway adds from the tenant's plan to anything that schedules or runs. */
export class PlanTerms {
  @IsInt() @Min(1) minIntervalMinutes!: number;
  @ValidateNested() @Type(() => MemoryQuota) memoryQuota!: MemoryQuota;
}

/** The schedule's fields as spec 001 and 002 name them; all optional on an update. */
export class HeartbeatFields {
  @IsOptional() @IsString() @Length(1, MAX_HEARTBEAT_PROMPT) prompt?: string;
  @IsOptional() @IsInt() @Min(1) @Max(525_600) interval_minutes?: number | null;
  @IsOptional() @IsString() @Length(1, 200) cron_pattern?: string | null;
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @IsString() @Length(1, 64) timezone?: string;
  @IsOptional() @IsString() @Length(1, 5) active_hours_start?: string | null;
  @IsOptional() @IsString() @Length(1, 5) active_hours_end?: string | null;
  @IsOptional() @IsString() @Length(1, 20) active_days?: string | null;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) credit_budget?: number | null;
  @IsOptional() @IsInt() @Min(1) @Max(1000) max_consecutive_errors?: number;
  @IsOptional() @IsString() @Length(1, 128) member_id?: string | null;
}

export class ConfigureHeartbeatRequest extends HeartbeatFields {
  @IsString() @MinLength(1) tenantId!: string;
  @IsString() @MinLength(1) @MaxLength(64) botId!: string;
  /** Updates this heartbeat; creates one when absent. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(64) heartbeatId?: string;
  @ValidateNested() @Type(() => PlanTerms) plan!: PlanTerms;
}

export class ListHeartbeatsRequest extends BotRef {
  @IsOptional() @IsString() @Length(1, 128) memberId?: string;
}

export class EnableHeartbeatRequest extends HeartbeatRef {
  @ValidateNested() @Type(() => PlanTerms) plan!: PlanTerms;
}

export class TriggerHeartbeatRequest extends HeartbeatRef {
  @ValidateNested() @Type(() => MemoryQuota) memoryQuota!: MemoryQuota;
}

export class ScheduleTaskRequest extends BotRef {
  @IsString() @Length(1, MAX_HEARTBEAT_PROMPT) prompt!: string;
  @IsDateString({ strict: true }) run_at!: string;
  @IsOptional() @IsString() @Length(1, 128) member_id?: string;
  @ValidateNested() @Type(() => MemoryQuota) memoryQuota!: MemoryQuota;
}

export class HeartbeatLogsRequest extends BotRef {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(64) heartbeatId?: string;
  @IsOptional() @IsString() @Length(1, 128) memberId?: string;
  @IsOptional() @IsIn(FINISHED_LOG_STATUSES) status?: (typeof FINISHED_LOG_STATUSES)[number];
  @IsInt() @Min(1) @Max(MAX_LOG_PAGE) page!: number;
  @IsInt() @Min(1) @Max(100) perPage!: number;
}

export class HeartbeatStatsRequest extends BotRef {
  @IsInt() @Min(1) @Max(366) days!: number;
}

export interface HeartbeatLogsPage {
  total: number;
  logs: HeartbeatLogView[];
  pagination: { page: number; per_page: number; total: number; total_pages: number };
}

export const HeartbeatCommands = answeredBy('heartbeat-scheduler', {
  Configure: defineCommand<ConfigureHeartbeatRequest, HeartbeatView>('heartbeat.configure', ConfigureHeartbeatRequest),
  List: defineQuery<ListHeartbeatsRequest, { heartbeats: HeartbeatView[] }>('heartbeat.list', ListHeartbeatsRequest),
  Get: defineQuery<HeartbeatRef, HeartbeatView>('heartbeat.get', HeartbeatRef),
  Enable: defineCommand<EnableHeartbeatRequest, HeartbeatView>('heartbeat.enable', EnableHeartbeatRequest),
  Disable: defineCommand<HeartbeatRef, HeartbeatView>('heartbeat.disable', HeartbeatRef),
  Delete: defineCommand<HeartbeatRef, { uuid: string }>('heartbeat.delete', HeartbeatRef),
  /** Runs it once now, enabled or not, and answers when the run ends. */
  Trigger: defineCommand<TriggerHeartbeatRequest, HeartbeatResultView>('heartbeat.trigger', TriggerHeartbeatRequest),
  ScheduleTask: defineCommand<ScheduleTaskRequest, HeartbeatLogView>('heartbeat.schedule-task', ScheduleTaskRequest),
  Logs: defineQuery<HeartbeatLogsRequest, HeartbeatLogsPage>('heartbeat.logs', HeartbeatLogsRequest),
  Stats: defineQuery<HeartbeatStatsRequest, HeartbeatStatsView>('heartbeat.stats', HeartbeatStatsRequest),
});
