import { TENANT_SCOPES, type TenantScope } from './scopes';

export interface ClaimRules {
  tenantClaim: string;
  scopesClaim: string;
  defaultScopes: readonly TenantScope[];
}

export interface UserClaims {
  userId: string;
  tenantId: string;
  scopes: TenantScope[];
}

/**
 * Who a verified token speaks for: the user (`sub`), the tenant (the tenant claim, Clerk's
 * organisation, or the user's own id for a personal account) and the scopes (the scopes claim, or
 * the default set when the token has none). Names the gateway does not know are dropped, so
 * `admin` never comes from a token; a claim of the wrong type refuses the token rather than
 * falling back to the defaults. Undefined when the claims cannot be read.
 */
export function userClaimsOf(claims: Record<string, unknown>, rules: ClaimRules): UserClaims | undefined {
  const userId = claims.sub;
  if (typeof userId !== 'string' || userId === '') return undefined;
  const named = claims[rules.tenantClaim];
  const tenantId = named === undefined || named === null || named === '' ? userId : named;
  if (typeof tenantId !== 'string') return undefined;
  const scopes = scopesIn(claims[rules.scopesClaim], rules.defaultScopes);
  return scopes && { userId, tenantId, scopes };
}

function scopesIn(claim: unknown, defaults: readonly TenantScope[]): TenantScope[] | undefined {
  if (claim === undefined || claim === null) return [...defaults];
  const names = typeof claim === 'string' ? claim.split(/\s+/) : claim;
  if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) return undefined;
  return TENANT_SCOPES.filter((scope) => names.includes(scope));
}
