import type { Plan } from './tenants/plans';
import type { RateLimits } from './auth/principal';

export const GATEWAY_SETTINGS = Symbol('GATEWAY_SETTINGS');

/** The gateway's own settings, taken from its validated env once at boot. */
export interface GatewaySettings {
  adminKey?: string;
  defaultPlan: Plan;
  defaultKeyRateLimit: RateLimits;
  keyCacheTtlMs: number;
}
