import type { Plan } from './tenants/plans';
import type { RateLimits } from './auth/principal';
import type { TenantScope } from './auth/scopes';
import type { GatewayEnv } from './config/env';

export const GATEWAY_SETTINGS = Symbol('GATEWAY_SETTINGS');

/** The gateway's own settings, taken from its validated env once at boot. */
export interface GatewaySettings {
  adminKey?: string;
  defaultPlan: Plan;
  defaultKeyRateLimit: RateLimits;
  keyCacheTtlMs: number;
  /** Signed-in users' JWTs; absent when the deployment names no key set. */
  jwt?: JwtSettings;
}

export interface JwtSettings {
  jwksUrl: URL;
  issuer: string;
  audience: string;
  /** The claim naming the tenant; the token's `sub` when it is absent (a personal account). */
  tenantClaim: string;
  /** The claim holding the scopes, a space-separated string or an array. */
  scopesClaim: string;
  /** The scopes of a token without the scopes claim. */
  defaultScopes: readonly TenantScope[];
  clockSkewSeconds: number;
  /** Least time between two fetches of the key set that an unknown `kid` may cause. */
  jwksCooldownMs: number;
}

export function jwtSettingsOf(env: GatewayEnv): JwtSettings | undefined {
  if (!env.JWT_JWKS_URL || !env.JWT_ISSUER || !env.JWT_AUDIENCE) return undefined;
  return {
    jwksUrl: new URL(env.JWT_JWKS_URL),
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    tenantClaim: env.JWT_TENANT_CLAIM,
    scopesClaim: env.JWT_SCOPES_CLAIM,
    defaultScopes: env.JWT_DEFAULT_SCOPES,
    clockSkewSeconds: env.JWT_CLOCK_SKEW_SECONDS,
    jwksCooldownMs: env.JWT_JWKS_COOLDOWN_SECONDS * 1000,
  };
}
