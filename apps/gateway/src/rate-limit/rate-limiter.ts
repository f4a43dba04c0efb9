import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { LOGGER, REDIS, type JsonLogger } from '@hb/platform';
import { callerIdOf, type TenantPrincipal } from '../auth/principal';
import { dayEnd, hourEnd, minuteEnd, monthEnd, tenantDayKey, tenantMonthKey, type Counter } from './windows';

export interface RateDecision {
  allowed: boolean;
  /** The limit closest to exhaustion, for the X-RateLimit-* headers. */
  limit: number;
  remaining: number;
  /** Unix seconds. */
  reset: number;
  /** Seconds until the exhausted window resets, when refused. */
  retryAfter?: number;
}

/**
 * Check every counter and, only if none is exhausted, increment them all: one round trip, atomic,
 * so concurrent requests can never overshoot a limit. Refused requests are not counted.
 * Returns [allowed, count1, count2, ...].
 */
const CHECK_AND_INCREMENT = `
local n = #KEYS
for i = 1, n do
  local limit = tonumber(ARGV[(i - 1) * 2 + 1])
  if limit >= 0 and tonumber(redis.call('GET', KEYS[i]) or '0') >= limit then
    local out = {0}
    for j = 1, n do out[j + 1] = tonumber(redis.call('GET', KEYS[j]) or '0') end
    return out
  end
end
local out = {1}
for i = 1, n do
  local count = redis.call('INCR', KEYS[i])
  if count == 1 then redis.call('PEXPIREAT', KEYS[i], ARGV[(i - 1) * 2 + 2]) end
  out[i + 1] = count
end
return out
`;

/** Keeps expired windows from piling up in the fallback's memory. */
const FALLBACK_SWEEP_EVERY = 1000;

/**
 * Per-key (and per signed-in user) minute, hour and day limits plus the tenant's monthly quota, in Redis. When Redis cannot
 * be reached the gateway keeps serving and keeps limiting with the same counters held in this
 * replica's memory: exact per replica, approximate across replicas, and never a reason to refuse
 * traffic that Redis would have allowed. The choice favours availability; it is logged.
 */
@Injectable()
export class RateLimiter {
  private readonly fallback = new Map<string, { count: number; resetAt: number }>();
  private fallbackCalls = 0;
  private lastFallbackLog = 0;

  private readonly checkAndIncrement: (keyCount: number, ...keysThenArgs: string[]) => Promise<number[]>;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(LOGGER) private readonly logger: JsonLogger,
  ) {
    // A defined command is sent as EVALSHA (the script's text only after Redis answers NOSCRIPT),
    // so each request carries a hash rather than the script, and Redis does not hash it again.
    if (!('hbCheckAndIncrement' in redis)) redis.defineCommand('hbCheckAndIncrement', { lua: CHECK_AND_INCREMENT });
    const command = (redis as unknown as { hbCheckAndIncrement: RateLimiter['checkAndIncrement'] }).hbCheckAndIncrement;
    this.checkAndIncrement = command.bind(redis);
  }

  async consume(principal: TenantPrincipal, now = Date.now()): Promise<RateDecision> {
    const { rateLimit } = principal;
    const caller = callerIdOf(principal);
    const counters: Counter[] = [
      { key: `rl:k:${caller}:m:${Math.floor(now / 60_000)}`, limit: rateLimit.requestsPerMinute, resetAt: minuteEnd(now) },
      { key: `rl:k:${caller}:h:${Math.floor(now / 3_600_000)}`, limit: rateLimit.requestsPerHour, resetAt: hourEnd(now) },
      { key: `rl:k:${caller}:d:${Math.floor(now / 86_400_000)}`, limit: rateLimit.requestsPerDay, resetAt: dayEnd(now) },
      { key: tenantMonthKey(principal.tenantId, now), limit: principal.limits.requestsPerMonth, resetAt: monthEnd(now) },
      { key: tenantDayKey(principal.tenantId, now), limit: null, resetAt: dayEnd(now) + 86_400_000 },
    ];
    let allowed: boolean;
    let counts: number[];
    try {
      const args = counters.flatMap((c) => [String(c.limit ?? -1), String(c.resetAt)]);
      const result = await this.checkAndIncrement(counters.length, ...counters.map((c) => c.key), ...args);
      allowed = result[0] === 1;
      counts = result.slice(1);
    } catch (error) {
      ({ allowed, counts } = this.consumeInMemory(counters, now));
      this.logFallback(error, now);
    }
    return decide(counters, counts, allowed, now);
  }

  /** Current value of a counter (usage reads), 0 when absent or Redis is away. */
  async read(key: string): Promise<number> {
    try {
      return Number((await this.redis.get(key)) ?? 0);
    } catch {
      return this.fallback.get(key)?.count ?? 0;
    }
  }

  private consumeInMemory(counters: Counter[], now: number): { allowed: boolean; counts: number[] } {
    if (++this.fallbackCalls % FALLBACK_SWEEP_EVERY === 0) {
      for (const [key, entry] of this.fallback) if (entry.resetAt <= now) this.fallback.delete(key);
    }
    const current = counters.map((c) => {
      const entry = this.fallback.get(c.key);
      return entry && entry.resetAt > now ? entry.count : 0;
    });
    const allowed = counters.every((c, i) => c.limit === null || current[i] < c.limit);
    if (!allowed) return { allowed, counts: current };
    const counts = counters.map((c, i) => {
      this.fallback.set(c.key, { count: current[i] + 1, resetAt: c.resetAt });
      return current[i] + 1;
    });
    return { allowed, counts };
  }

  private logFallback(error: unknown, now: number): void {
    if (now - this.lastFallbackLog < 60_000) return;
    this.lastFallbackLog = now;
    this.logger.warn(
      { msg: 'redis unreachable: rate limits held in this replica until it returns', err: String(error) },
      RateLimiter.name,
    );
  }
}

function decide(counters: Counter[], counts: number[], allowed: boolean, now: number): RateDecision {
  const limited = counters
    .map((counter, i) => ({ counter, count: counts[i] ?? 0 }))
    .filter((entry): entry is { counter: Counter & { limit: number }; count: number } => entry.counter.limit !== null);
  // Report the limit closest to exhaustion; among equals, the one that resets last binds longest.
  const binding = limited.reduce((worst, entry) => {
    const remaining = entry.counter.limit - entry.count;
    const worstRemaining = worst.counter.limit - worst.count;
    return remaining < worstRemaining || (remaining === worstRemaining && entry.counter.resetAt > worst.counter.resetAt) ? entry : worst;
  });
  const decision: RateDecision = {
    allowed,
    limit: binding.counter.limit,
    remaining: Math.max(0, binding.counter.limit - binding.count),
    reset: Math.ceil(binding.counter.resetAt / 1000),
  };
  if (!allowed) {
    const exhausted = limited.filter((entry) => entry.count >= entry.counter.limit);
    const resetAt = Math.max(...exhausted.map((entry) => entry.counter.resetAt));
    decision.retryAfter = Math.max(1, Math.ceil((resetAt - now) / 1000));
  }
  return decision;
}
