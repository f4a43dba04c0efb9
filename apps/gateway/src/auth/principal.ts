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
      /** The tenant's monthly request quota; null means unlimited. */
      monthlyQuota: number | null;
    };

export type KeyPrincipal = Extract<Principal, { kind: 'key' }>;
