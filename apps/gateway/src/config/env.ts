import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { BaseEnv, loadConfig } from '@hb/platform';
import { PLANS, type Plan } from '../tenants/plans';

export class GatewayEnv extends BaseEnv {
  override PORT = 3000;

  /** How long the gateway waits for a service's reply before answering with a timeout. */
  @Type(() => Number) @IsInt() @Min(50) @Max(300_000)
  REQUEST_TIMEOUT_MS = 5000;

  /** The bootstrap key with every right, for the first steps of a fresh install. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_]{24,}$/, { message: 'HB_ADMIN_KEY must be at least 24 letters, digits or _' })
  HB_ADMIN_KEY?: string;

  /** The plan of a tenant created without one. */
  @IsIn(PLANS)
  DEFAULT_PLAN: Plan = 'pro';

  /** Per-key limits of a new key (spec 003's example values by default). */
  @Type(() => Number) @IsInt() @Min(1)
  KEY_RATE_LIMIT_PER_MINUTE = 60;

  @Type(() => Number) @IsInt() @Min(1)
  KEY_RATE_LIMIT_PER_HOUR = 1000;

  @Type(() => Number) @IsInt() @Min(1)
  KEY_RATE_LIMIT_PER_DAY = 10_000;

  /**
   * Longest a replica may trust a key it has seen without asking Postgres again. Revocation events
   * evict at once; this bounds the time when they cannot arrive, so keep it at a second or less.
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(60_000)
  KEY_CACHE_TTL_MS = 1000;
}

/** The one place this app reads process.env. */
export function loadEnv(): GatewayEnv {
  return loadConfig(GatewayEnv, process.env);
}
