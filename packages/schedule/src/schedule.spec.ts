import { nextFire, parseSchedule, shortestGapMinutes, type ScheduleInput } from './schedule';

const ANCHOR = new Date('2026-01-01T00:00:00Z');

function aSchedule(fields: Partial<ScheduleInput>, anchor = ANCHOR) {
  return parseSchedule(
    { interval_minutes: null, cron_pattern: null, timezone: 'UTC', active_hours_start: null, active_hours_end: null, active_days: null, ...fields },
    anchor,
  );
}

function firesBetween(fields: Partial<ScheduleInput>, from: string, to: string): string[] {
  const sut = aSchedule(fields);
  const fires: string[] = [];
  for (let at = nextFire(sut, new Date(from)); at && at < new Date(to); at = nextFire(sut, at)) fires.push(at.toISOString());
  return fires;
}

describe(nextFire.name, () => {
  it.each([
    ['an interval, on its anchored grid', { interval_minutes: 30 }, '2026-03-02T10:47:00Z', '2026-03-02T11:00:00.000Z'],
    ['an interval, exactly on a fire, gives the next one', { interval_minutes: 30 }, '2026-03-02T11:00:00Z', '2026-03-02T11:30:00.000Z'],
    ['the spec example (weekdays 09:00 New York), Friday to Monday across the DST start', { cron_pattern: '0 9 * * 1,2,3,4,5', timezone: 'America/New_York' }, '2026-03-06T15:00:00Z', '2026-03-09T13:00:00.000Z'],
    ['the spec example before the DST start (EST)', { cron_pattern: '0 9 * * 1,2,3,4,5', timezone: 'America/New_York' }, '2026-03-05T15:00:00Z', '2026-03-06T14:00:00.000Z'],
    ['a cron in Tokyo (no DST)', { cron_pattern: '15 8 * * *', timezone: 'Asia/Tokyo' }, '2026-07-01T00:00:00Z', '2026-07-01T23:15:00.000Z'],
    ['a cron on the half-hour zone of Kolkata', { cron_pattern: '0 9 * * *', timezone: 'Asia/Kolkata' }, '2026-07-01T04:00:00Z', '2026-07-02T03:30:00.000Z'],
    ['an interval outside its window waits for the window to open (Berlin, summer)', { interval_minutes: 60, active_hours_start: '09:00', active_hours_end: '17:00', timezone: 'Europe/Berlin' }, '2026-06-10T14:30:00Z', '2026-06-11T07:00:00.000Z'],
    ['the window opens off the grid: the first grid point inside it', { interval_minutes: 45, active_hours_start: '09:10', active_hours_end: '17:00' }, '2026-06-10T17:30:00Z', '2026-06-11T09:45:00.000Z'],
    ['weekdays only: Friday night to Monday', { cron_pattern: '0 * * * *', active_days: '1,2,3,4,5' }, '2026-03-06T23:30:00Z', '2026-03-09T00:00:00.000Z'],
    ['an overnight window fires after midnight', { interval_minutes: 60, active_hours_start: '22:00', active_hours_end: '06:00' }, '2026-03-03T06:30:00Z', '2026-03-03T22:00:00.000Z'],
    ['an overnight window continues past midnight', { interval_minutes: 60, active_hours_start: '22:00', active_hours_end: '06:00' }, '2026-03-03T23:10:00Z', '2026-03-04T00:00:00.000Z'],
    ["an overnight window's small hours belong to the day it opened (Friday's night runs on Saturday)", { interval_minutes: 60, active_hours_start: '22:00', active_hours_end: '06:00', active_days: '5' }, '2026-03-07T01:30:00Z', '2026-03-07T02:00:00.000Z'],
    ["an overnight window on Fridays does not open on Saturday night", { interval_minutes: 60, active_hours_start: '22:00', active_hours_end: '06:00', active_days: '5' }, '2026-03-07T05:30:00Z', '2026-03-13T22:00:00.000Z'],
    ['a window in New York across the DST end keeps local hours', { interval_minutes: 60, active_hours_start: '09:00', active_hours_end: '10:00', timezone: 'America/New_York' }, '2026-10-31T14:00:00Z', '2026-11-01T14:00:00.000Z'],
  ])('%s', (_name, fields, after, expected) => {
    expect(nextFire(aSchedule(fields), new Date(after))?.toISOString()).toBe(expected);
  });

  it('keeps an interval 60 real minutes apart across a DST change', () => {
    const fires = firesBetween({ interval_minutes: 60, timezone: 'Europe/London' }, '2026-03-29T00:30:00Z', '2026-03-29T03:30:00Z');
    expect(fires).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z', '2026-03-29T03:00:00.000Z']);
  });

  it('fires a cron once on the night a local time happens twice (New York, DST end)', () => {
    const fires = firesBetween({ cron_pattern: '30 1 * * *', timezone: 'America/New_York' }, '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z');
    expect(fires).toHaveLength(2);
    expect(fires[0]).toBe('2026-11-01T05:30:00.000Z');
  });

  it('fires once, an hour on, when the local time does not exist (New York, DST start)', () => {
    const fires = firesBetween({ cron_pattern: '30 2 * * *', timezone: 'America/New_York' }, '2026-03-07T12:00:00Z', '2026-03-10T12:00:00Z');
    expect(fires).toEqual(['2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z']);
  });

  it('answers null for a schedule whose window it never meets', () => {
    const sut = aSchedule({ interval_minutes: 1440, active_hours_start: '09:00', active_hours_end: '10:00' }, new Date('2026-01-01T12:00:00Z'));
    expect(nextFire(sut, new Date('2026-03-01T00:00:00Z'))).toBeNull();
  });
});

describe(parseSchedule.name, () => {
  it.each([
    [{ cron_pattern: '61 * * * *' }, 'cron_pattern'],
    [{ cron_pattern: 'every monday' }, 'cron_pattern'],
    [{ cron_pattern: '0 0 9 * * 1' }, 'cron_pattern'],
    [{ cron_pattern: '0 9 * * 1', interval_minutes: 30 }, 'cron_pattern'],
    [{ interval_minutes: 30, timezone: 'Mars/Olympus' }, 'timezone'],
    [{ interval_minutes: 30, active_hours_start: '24:00', active_hours_end: '08:00' }, 'active_hours_start'],
    [{ interval_minutes: 30, active_hours_start: '08:00', active_hours_end: '9:00' }, 'active_hours_end'],
    [{ interval_minutes: 30, active_hours_start: '08:00' }, 'active_hours_end'],
    [{ interval_minutes: 30, active_hours_start: '08:00', active_hours_end: '08:00' }, 'active_hours_end'],
    [{ interval_minutes: 30, active_days: '0,1' }, 'active_days'],
    [{ interval_minutes: 30, active_days: 'mon,tue' }, 'active_days'],
    [{ interval_minutes: 30, active_days: '1,,2' }, 'active_days'],
    [{}, 'interval_minutes'],
    [{ interval_minutes: 0 }, 'interval_minutes'],
    [{ interval_minutes: 2.5 }, 'interval_minutes'],
  ])('rejects %j naming %s', (fields, field) => {
    expect(() => aSchedule(fields)).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR', field }));
  });
});

describe(shortestGapMinutes.name, () => {
  it.each([
    [{ interval_minutes: 30 }, 30],
    [{ cron_pattern: '*/5 * * * *' }, 5],
    [{ cron_pattern: '0 9 * * 1' }, 7 * 24 * 60],
    [{ cron_pattern: '0,10 9 * * *' }, 10],
  ])('%j: %d minutes', (fields, minutes) => {
    expect(shortestGapMinutes(aSchedule(fields), new Date('2026-03-02T00:00:00Z'))).toBe(minutes);
  });
});
