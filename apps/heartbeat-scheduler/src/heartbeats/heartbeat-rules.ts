import { DomainError, ErrorCodes, type ConfigureHeartbeatRequest, type PlanTerms } from '@hb/contracts';
import type { HeartbeatRow } from './heartbeat-rows';
import { nextFire, shortestGapMinutes, type Schedule, type ScheduleInput } from './schedule';

/** A new heartbeat's interval when its configure names none. */
export const DEFAULT_INTERVAL_MINUTES = 30;

/**
 * The schedule after a configure: cron_pattern given makes it a cron schedule, interval_minutes
 * an interval one; neither keeps what it was (a new heartbeat: every 30 minutes).
 */
export function mergedSchedule(input: ConfigureHeartbeatRequest, existing: HeartbeatRow | undefined): ScheduleInput {
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
export function checkedNextFire(schedule: Schedule, plan: PlanTerms, now: Date): Date {
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
