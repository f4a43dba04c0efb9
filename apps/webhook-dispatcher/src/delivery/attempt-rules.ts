import type { SendResult } from '@hb/platform';

/** Retry-After is honoured up to this. */
const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/** How an attempt ended, for the delivery and its webhook. */
export type Outcome = { kind: 'delivered' } | { kind: 'gone' } | { kind: 'retry'; afterMs?: number };

export function outcomeOf(result: SendResult, now = Date.now()): Outcome {
  const code = result.statusCode;
  if (code !== null && code >= 200 && code < 300) return { kind: 'delivered' };
  if (code === 410) return { kind: 'gone' };
  if (code === 429 || code === 503) return { kind: 'retry', afterMs: retryAfterMs(result.headers['retry-after'], now) };
  return { kind: 'retry' };
}

export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : undefined;
}

/**
 * When a delivery whose attempt `attempts` (counting from 1) did not deliver is tried again: in
 * this many milliseconds, or null when it is over (410 Gone, or the schedule used up). The
 * endpoint's Retry-After wins; otherwise the schedule's next step (seconds), ±10% so that the
 * retries of many deliveries do not arrive together.
 */
export function retryIn(outcome: Outcome, attempts: number, scheduleSeconds: number[], random = Math.random): number | null {
  if (outcome.kind !== 'retry' || attempts >= scheduleSeconds.length) return null;
  const stepMs = scheduleSeconds[Math.min(attempts, scheduleSeconds.length - 1)] * 1000;
  return outcome.afterMs ?? Math.round(stepMs * (0.9 + random() * 0.2));
}

/**
 * Why a webhook whose attempt did not deliver is disabled now, or null while it is given more
 * time: at once when the endpoint says it is gone, else once it has had no success for `afterMs`.
 */
export function disableReason(outcome: Outcome, failingSince: Date, afterMs: number, now = Date.now()): string | null {
  if (outcome.kind === 'gone') return 'the endpoint answered 410 Gone';
  if (now - failingSince.getTime() > afterMs) return `no successful delivery since ${failingSince.toISOString()}`;
  return null;
}
