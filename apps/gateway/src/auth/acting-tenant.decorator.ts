import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError, ErrorCodes } from '@hb/contracts';
import type { GatewayRequest } from '../http/request-id';
import type { Principal } from './principal';

/**
 * The tenant a request acts on: a key's own tenant, or for the admin key the tenant the request
 * names. `field` is the face's name for it (`tenantId`, or the bot face's `project_id`), looked for
 * in the body, then the query, then the path.
 */
export function actingTenant(principal: Principal, requested: unknown, field = 'tenantId'): string {
  if (principal.kind === 'key') {
    // The guard has already refused a tenant key naming another tenantId; project_id is checked here.
    if (requested !== undefined && requested !== principal.tenantId) {
      throw new DomainError(ErrorCodes.TenantMismatch, `Resource belongs to different ${field === 'project_id' ? 'project' : 'tenant'}`, field);
    }
    return principal.tenantId;
  }
  if (requested === undefined || requested === '') throw new DomainError(ErrorCodes.ValidationError, `The '${field}' field is required`, field);
  if (typeof requested !== 'string') throw new DomainError(ErrorCodes.ValidationError, `${field} must be a string`, field);
  return requested;
}

/** The acting tenant as a handler parameter: `@ActingTenant() tenantId: string`. */
export const ActingTenant = createParamDecorator((field: string | undefined, context: ExecutionContext): string => {
  const req = context.switchToHttp().getRequest<GatewayRequest>();
  const name = field ?? 'tenantId';
  const body = req.body as Record<string, unknown> | undefined;
  const query = req.query as Record<string, unknown> | undefined;
  const requested = body?.[name] ?? query?.[name] ?? req.params?.[name];
  return actingTenant(req.principal!, requested, name);
});
