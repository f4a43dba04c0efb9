import type { PlanLimits } from '../tenants/plans';
import type { Scope } from './scopes';

export interface RateLimits {
  requestsPerMinute: number;
  requestsPerHour: number;
  requestsPerDay: number;
}

/** What every caller bound to one tenant carries, whether it came with a key or a signed-in user's token. */
interface InTenant {
  tenantId: string;
  /** Set for agent keys: the one agent the key reaches. Always null for a user. */
  agentId: string | null;
  scopes: readonly Scope[];
  rateLimit: RateLimits;
  /** The tenant's plan limits with its overrides: monthly quota, memory and storage caps. */
  limits: PlanLimits;
}

/** Who is calling, as established from the bearer credential. */
export type Principal =
  | { kind: 'admin'; scopes: readonly Scope[] }
  | ({ kind: 'key'; keyId: string } & InTenant)
  /** A signed-in user, from a verified JWT: `userId` is its `sub`. */
  | ({ kind: 'user'; userId: string } & InTenant);

export type KeyPrincipal = Extract<Principal, { kind: 'key' }>;
export type UserPrincipal = Extract<Principal, { kind: 'user' }>;
/** A key or a user: a caller acting inside one tenant. */
export type TenantPrincipal = KeyPrincipal | UserPrincipal;

/** The id a caller's own rate limits count under: its key, or the user, whichever tenant the user acts in. */
export function callerIdOf(principal: TenantPrincipal): string {
  return principal.kind === 'key' ? principal.keyId : `user:${principal.userId}`;
}
