import { ErrorCodes, type ConfigureHeartbeatRequest, type PlanTerms } from '@hb/contracts';
import type { HeartbeatRow } from './heartbeat-rows';
import { checkedNextFire, mergedSchedule } from './heartbeat-rules';
import { parseSchedule, type ScheduleInput } from './schedule';

const plan: PlanTerms = { minIntervalMinutes: 5, memoryQuota: { memories: null, storageBytes: null } };
const configure = (fields: Partial<ConfigureHeartbeatRequest>) => ({ tenantId: 't', botId: 'b', plan, ...fields }) as ConfigureHeartbeatRequest;
const existing = (fields: Partial<ScheduleInput>) =>
  ({ interval_minutes: null, cron_pattern: null, timezone: 'UTC', active_hours_start: null, active_hours_end: null, active_days: null, ...fields }) as HeartbeatRow;

describe(mergedSchedule.name, () => {
  it('gives a new heartbeat every 30 minutes in UTC when nothing is said', () => {
    expect(mergedSchedule(configure({}), undefined)).toEqual({
      interval_minutes: 30,
      cron_pattern: null,
      timezone: 'UTC',
      active_hours_start: null,
      active_hours_end: null,
      active_days: null,
    });
  });

  it('switches kinds: a cron pattern replaces an interval, and an interval a cron pattern', () => {
    expect(mergedSchedule(configure({ cron_pattern: '0 9 * * *' }), existing({ interval_minutes: 60 }))).toMatchObject({ interval_minutes: null, cron_pattern: '0 9 * * *' });
    expect(mergedSchedule(configure({ interval_minutes: 15 }), existing({ cron_pattern: '0 9 * * *' }))).toMatchObject({ interval_minutes: 15, cron_pattern: null });
  });

  it('keeps what an update does not name, and clears what it sets to null', () => {
    const before = existing({ cron_pattern: '0 9 * * *', timezone: 'Asia/Tokyo', active_days: '1,2,3' });
    expect(mergedSchedule(configure({ active_days: null }), before)).toEqual({ ...before, active_days: null });
  });
});

describe(checkedNextFire.name, () => {
  const now = new Date('2026-03-02T10:47:00Z');
  const schedule = (fields: Partial<ScheduleInput>) => parseSchedule(existing(fields), new Date('2026-01-01T00:00:00Z'));

  it('answers the first fire after now', () => {
    expect(checkedNextFire(schedule({ interval_minutes: 30 }), plan, now).toISOString()).toBe('2026-03-02T11:00:00.000Z');
  });

  it("refuses a schedule more frequent than the plan allows, naming the schedule's field", () => {
    expect(() => checkedNextFire(schedule({ interval_minutes: 1 }), plan, now)).toThrow(expect.objectContaining({ code: ErrorCodes.ValidationError, field: 'interval_minutes' }));
    expect(() => checkedNextFire(schedule({ cron_pattern: '* * * * *' }), plan, now)).toThrow(expect.objectContaining({ field: 'cron_pattern' }));
  });

  it('refuses a schedule that never fires inside its window', () => {
    // Every day at 08:00, but only active from 09:00 to 17:00.
    expect(() => checkedNextFire(schedule({ cron_pattern: '0 8 * * *', active_hours_start: '09:00', active_hours_end: '17:00' }), plan, now)).toThrow(
      expect.objectContaining({ field: 'active_hours_start' }),
    );
  });
});
