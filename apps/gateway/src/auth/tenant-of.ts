import { DomainError, ErrorCodes } from '@hb/contracts';
import type { Principal } from './principal';

/**
 * The tenant a request acts on: a key's own tenant (the guard has already refused a request naming
 * another), or for the admin key the tenant the request names.
 */
export function tenantOf(principal: Principal, requested: string | undefined): string {
  if (principal.kind === 'key') {
    if (requested !== undefined && requested !== principal.tenantId) {
      throw new DomainError(ErrorCodes.TenantMismatch, 'Resource belongs to different tenant', 'tenantId');
    }
    return principal.tenantId;
  }
  if (!requested) throw new DomainError(ErrorCodes.ValidationError, "The 'tenantId' field is required", 'tenantId');
  return requested;
}
