import { DomainError, ErrorCodes } from '@hb/contracts';
import { ScheduleError, parseSchedule as parseShared, type Schedule, type ScheduleInput } from '@hb/schedule';

export { nextFire, shortestGapMinutes, type Schedule, type ScheduleInput } from '@hb/schedule';

/** The shared schedule rules (the console previews with the same), refusals as the API's 400 naming the field. */
export function parseSchedule(input: ScheduleInput, anchor: Date): Schedule {
  try {
    return parseShared(input, anchor);
  } catch (error) {
    if (error instanceof ScheduleError) throw new DomainError(ErrorCodes.ValidationError, error.message, error.field);
    throw error;
  }
}
