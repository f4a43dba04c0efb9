/** Fixed calendar windows (UTC). Fixed windows are exact and give the spec's single reset time. */
export interface Counter {
  key: string;
  /** null: counted, never limiting (usage counters, unlimited quotas). */
  limit: number | null;
  /** Unix milliseconds when the window ends and the counter starts again. */
  resetAt: number;
}

export function minuteEnd(now: number): number {
  return (Math.floor(now / 60_000) + 1) * 60_000;
}

export function hourEnd(now: number): number {
  return (Math.floor(now / 3_600_000) + 1) * 3_600_000;
}

export function dayEnd(now: number): number {
  return (Math.floor(now / 86_400_000) + 1) * 86_400_000;
}

export function monthEnd(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export function dayLabel(now: number): string {
  return new Date(now).toISOString().slice(0, 10).replace(/-/g, '');
}

export function monthLabel(now: number): string {
  return new Date(now).toISOString().slice(0, 7).replace('-', '');
}

export function tenantMonthKey(tenantId: string, now: number): string {
  return `rl:t:${tenantId}:mo:${monthLabel(now)}`;
}

export function tenantDayKey(tenantId: string, now: number): string {
  return `us:t:${tenantId}:d:${dayLabel(now)}`;
}
