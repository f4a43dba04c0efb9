import { Cron } from 'croner';
import { DateTime, IANAZone } from 'luxon';

/** When a heartbeat runs: a fixed interval or a cron pattern, inside an optional local window. */
export interface Schedule {
  intervalMinutes: number | null;
  cronPattern: string | null;
  timezone: string;
  /** Minutes after local midnight; the window is [start, end), across midnight when start > end. */
  window: { start: number; end: number } | null;
  /** ISO weekdays (1 = Monday) on which a window opens; null for every day. */
  days: number[] | null;
  /** An interval's grid: fires fall on anchor + k × interval, so restarts do not move them. */
  anchor: Date;
}

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
/** Candidates looked at before a schedule is called one that never fires (a window it never meets). */
const MAX_CANDIDATES = 2000;

/**
 * The first fire strictly after `after`, or null when none comes. Cron patterns are read in the
 * heartbeat's timezone by croner (which handles DST: a 02:30 that does not exist runs at 03:30, one that
 * happens twice runs once); intervals are real elapsed minutes, so DST does not bend them. A
 * candidate outside the window or its days moves on to the window's next opening.
 */
export function nextFire(schedule: Schedule, after: Date): Date | null {
  const cron = schedule.cronPattern ? new Cron(schedule.cronPattern, { timezone: schedule.timezone, legacyMode: true }) : null;
  let from = after;
  for (let i = 0; i < MAX_CANDIDATES; i++) {
    const candidate = cron ? cron.nextRun(from) : nextOnGrid(schedule, from);
    if (!candidate) return null;
    if (isActive(schedule, candidate)) return candidate;
    const opening = nextOpening(schedule, candidate);
    if (!opening) return null;
    // Cron's nextRun and the grid both answer strictly after `from`: step back to include the opening.
    from = new Date(opening.getTime() - 1);
  }
  return null;
}

function nextOnGrid(schedule: Schedule, after: Date): Date {
  const period = schedule.intervalMinutes! * MINUTE;
  const anchor = schedule.anchor.getTime();
  const k = Math.floor((after.getTime() - anchor) / period) + 1;
  return new Date(anchor + Math.max(k, 1) * period);
}

function minuteOfDay(local: DateTime): number {
  return local.hour * 60 + local.minute;
}

/** Inside the window, on a day it opens (the part after midnight of an overnight window belongs to the day before). */
function isActive(schedule: Schedule, at: Date): boolean {
  if (!schedule.window && !schedule.days) return true;
  const local = DateTime.fromJSDate(at, { zone: schedule.timezone });
  const { start, end } = schedule.window ?? { start: 0, end: DAY_MINUTES };
  const minute = minuteOfDay(local);
  const overnight = start > end;
  const inside = overnight ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inside) return false;
  const openedOn = overnight && minute < end ? local.minus({ days: 1 }) : local;
  return !schedule.days || schedule.days.includes(openedOn.weekday);
}

/** The next time the window opens after `at`, on an allowed day. */
function nextOpening(schedule: Schedule, at: Date): Date | null {
  const start = schedule.window?.start ?? 0;
  const local = DateTime.fromJSDate(at, { zone: schedule.timezone });
  for (let day = 0; day <= 8; day++) {
    // Luxon moves a wall time that DST skips forward, so an opening always exists.
    const opening = local.startOf('day').plus({ days: day }).set({ hour: Math.floor(start / 60), minute: start % 60 });
    if (opening.toMillis() <= at.getTime()) continue;
    if (schedule.days && !schedule.days.includes(opening.weekday)) continue;
    return opening.toJSDate();
  }
  return null;
}

/** The schedule's fields as the API takes them. */
export interface ScheduleInput {
  interval_minutes: number | null;
  cron_pattern: string | null;
  timezone: string;
  active_hours_start: string | null;
  active_hours_end: string | null;
  active_days: string | null;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_LIST = /^[1-7](,[1-7])*$/;

/** Checks a schedule as the API takes it (each failure names its field) and reads it. */
export function parseSchedule(input: ScheduleInput, anchor: Date): Schedule {
  if (input.interval_minutes !== null && input.cron_pattern !== null) {
    throw invalid('cron_pattern', 'Give interval_minutes or cron_pattern, not both');
  }
  if (input.interval_minutes === null && input.cron_pattern === null) throw invalid('interval_minutes', 'Give interval_minutes or cron_pattern');
  if (input.interval_minutes !== null && !(Number.isInteger(input.interval_minutes) && input.interval_minutes >= 1)) {
    throw invalid('interval_minutes', 'interval_minutes must be a whole number of minutes, 1 or more');
  }
  if (!IANAZone.isValidZone(input.timezone)) throw invalid('timezone', `${input.timezone} is not an IANA timezone (e.g. America/New_York)`);
  if (input.cron_pattern !== null) checkCron(input.cron_pattern, input.timezone);
  if ((input.active_hours_start === null) !== (input.active_hours_end === null)) {
    throw invalid(input.active_hours_start === null ? 'active_hours_start' : 'active_hours_end', 'Give both active_hours_start and active_hours_end, or neither');
  }
  let window: Schedule['window'] = null;
  if (input.active_hours_start !== null && input.active_hours_end !== null) {
    window = { start: hhmm(input.active_hours_start, 'active_hours_start'), end: hhmm(input.active_hours_end, 'active_hours_end') };
    if (window.start === window.end) throw invalid('active_hours_end', 'active_hours_end must differ from active_hours_start');
  }
  let days: number[] | null = null;
  if (input.active_days !== null) {
    if (!DAY_LIST.test(input.active_days)) throw invalid('active_days', 'active_days must be comma-separated days 1-7 (1 = Monday), e.g. "1,2,3,4,5"');
    days = [...new Set(input.active_days.split(',').map(Number))].sort();
  }
  return { intervalMinutes: input.cron_pattern === null ? input.interval_minutes : null, cronPattern: input.cron_pattern, timezone: input.timezone, window, days, anchor };
}

function checkCron(pattern: string, timezone: string): void {
  // croner also reads six- and seven-field patterns (seconds, years); the API's are five-field.
  if (pattern.trim().split(/\s+/).length !== 5) throw invalid('cron_pattern', 'cron_pattern must have five fields: minute hour day-of-month month day-of-week');
  try {
    new Cron(pattern, { timezone, legacyMode: true });
  } catch (error) {
    throw invalid('cron_pattern', `cron_pattern is not valid: ${(error as Error).message}`);
  }
}

function hhmm(value: string, field: string): number {
  const match = HH_MM.exec(value);
  if (!match) throw invalid(field, `${field} must be HH:MM (00:00 to 23:59)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The shortest gap between consecutive fires, in minutes, looked at over the next fires. */
export function shortestGapMinutes(schedule: Schedule, from: Date): number {
  if (schedule.intervalMinutes !== null) return schedule.intervalMinutes;
  const runs = new Cron(schedule.cronPattern!, { timezone: schedule.timezone, legacyMode: true }).nextRuns(200, from);
  let gap = Infinity;
  for (let i = 1; i < runs.length; i++) gap = Math.min(gap, (runs[i].getTime() - runs[i - 1].getTime()) / MINUTE);
  return gap;
}

/** A schedule the API refuses: `field` names the input field at fault, as the API's 400 does. */
export class ScheduleError extends Error {
  readonly code = 'VALIDATION_ERROR';

  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ScheduleError';
  }
}

function invalid(field: string, message: string): ScheduleError {
  return new ScheduleError(message, field);
}
