import { disableReason, outcomeOf, retryAfterMs, retryIn } from './attempt-rules';
import { signature, signedHeaders } from './signing';

describe('signing (Standard Webhooks)', () => {
  it("matches the specification's published example", () => {
    const payload = '{"test": 2432232314}';
    expect(signature('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, payload)).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('signs with every secret given, space-separated, with the id and unix-seconds timestamp', () => {
    const headers = signedHeaders(['a', 'b'], 'msg_1', '{}', new Date(1_700_000_000_500));
    expect(headers['webhook-id']).toBe('msg_1');
    expect(headers['webhook-timestamp']).toBe('1700000000');
    expect(headers['webhook-signature'].split(' ')).toEqual([signature('a', 'msg_1', 1700000000, '{}'), signature('b', 'msg_1', 1700000000, '{}')]);
  });
});

describe('attempt outcomes', () => {
  const result = (statusCode: number | null, headers: Record<string, string> = {}) => ({ statusCode, headers, latencyMs: 1, error: null, responseExcerpt: null });
  it('delivers on 2xx, gives up on 410, retries otherwise', () => {
    expect(outcomeOf(result(204))).toEqual({ kind: 'delivered' });
    expect(outcomeOf(result(410))).toEqual({ kind: 'gone' });
    expect(outcomeOf(result(500))).toEqual({ kind: 'retry' });
    expect(outcomeOf(result(301))).toEqual({ kind: 'retry' });
    expect(outcomeOf(result(null))).toEqual({ kind: 'retry' });
  });

  it('honours Retry-After on 429 and 503, in seconds or as a date', () => {
    expect(outcomeOf(result(429, { 'retry-after': '7' }))).toEqual({ kind: 'retry', afterMs: 7000 });
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('999999999', now)).toBe(24 * 3600 * 1000);
  });
});

describe('after an attempt that did not deliver', () => {
  const schedule = [0, 5, 300];
  const middle = () => 0.5;
  it('retries on the schedule, the step after the attempts made, within ±10 %', () => {
    expect(retryIn({ kind: 'retry' }, 1, schedule, middle)).toBe(5000);
    expect(retryIn({ kind: 'retry' }, 2, schedule, middle)).toBe(300_000);
    expect(retryIn({ kind: 'retry' }, 1, schedule, () => 0)).toBe(4500);
    expect(retryIn({ kind: 'retry' }, 1, schedule, () => 0.999999)).toBe(5500);
  });

  it("takes the endpoint's Retry-After over the schedule", () => {
    expect(retryIn({ kind: 'retry', afterMs: 7000 }, 1, schedule, middle)).toBe(7000);
  });

  it('stops once the schedule is used up, and at once on 410 Gone', () => {
    expect(retryIn({ kind: 'retry' }, 3, schedule, middle)).toBeNull();
    expect(retryIn({ kind: 'retry', afterMs: 1000 }, 3, schedule, middle)).toBeNull();
    expect(retryIn({ kind: 'gone' }, 1, schedule, middle)).toBeNull();
  });

  it('disables the webhook on 410, or once it has failed for longer than allowed', () => {
    const since = new Date('2026-01-01T00:00:00Z');
    const day = 24 * 3600 * 1000;
    expect(disableReason({ kind: 'gone' }, since, day, since.getTime())).toBe('the endpoint answered 410 Gone');
    expect(disableReason({ kind: 'retry' }, since, day, since.getTime() + day)).toBeNull();
    expect(disableReason({ kind: 'retry' }, since, day, since.getTime() + day + 1)).toBe('no successful delivery since 2026-01-01T00:00:00.000Z');
  });
});
