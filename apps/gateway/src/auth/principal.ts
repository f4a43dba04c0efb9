import type { PlanLimits } from '../tenants/plans';
import type { Scope } from './scopes';

export interface RateLimits {
  requestsPerMinute: number;
  requestsPerHour: number;
  requestsPerDay: number;
}

/** Who is calling, as established from the bearer key. */
export type Principal =
  | { kind: 'admin'; scopes: readonly Scope[] }
  | {
      kind: 'key';
      keyId: string;
      tenantId: string;
      /** Set for agent keys: the one agent the key reaches. */
      agentId: string | null;
      scopes: readonly Scope[];
      rateLimit: RateLimits;
      /** The tenant's plan limits with its overrides: monthly quota, memory and storage caps. */
      limits: PlanLimits;
    };

export type KeyPrincipal = Extract<Principal, { kind: 'key' }>;
