import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DomainError, ErrorCodes } from '@hb/contracts';
import type { GatewayRequest } from '../http/request-id';
import type { Principal } from './principal';

/**
 * The tenant a request acts on: a key's or user's own tenant, or for the admin key the tenant the
 * request names. A key or user naming another is refused (the guard has already refused a tenantId anywhere; a
 * project_id is checked here); a malformed value is left to the route's DTO, whose 400 names it.
 */
export function actingTenant(principal: Principal, requested: unknown, field = 'tenantId'): string {
  if (principal.kind !== 'admin') {
    if (typeof requested === 'string' && requested !== '' && requested !== principal.tenantId) {
      throw new DomainError(ErrorCodes.TenantMismatch, `Resource belongs to different ${field === 'project_id' ? 'project' : 'tenant'}`, field);
    }
    return principal.tenantId;
  }
  if (requested === undefined || requested === '') throw new DomainError(ErrorCodes.ValidationError, `The '${field}' field is required`, field);
  if (typeof requested !== 'string') throw new DomainError(ErrorCodes.ValidationError, `${field} must be a string`, field);
  return requested;
}

/** Where a route takes the tenant from: its path when it has the parameter, else the inputs its handler declares. */
type Source = 'path' | 'body' | 'query' | 'body-or-query';
const sources = new WeakMap<object, Source>();

function sourceOf(context: ExecutionContext, field: string): Source {
  const handler = context.getHandler();
  let source = sources.get(handler);
  if (!source) {
    const args = Object.keys(Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {});
    const takes = (type: RouteParamtypes) => args.some((key) => key.startsWith(`${type}:`));
    const path = context.switchToHttp().getRequest<GatewayRequest>().route?.path as string | undefined;
    if (path?.includes(`:${field}`)) source = 'path';
    else if (takes(RouteParamtypes.BODY)) source = takes(RouteParamtypes.QUERY) ? 'body-or-query' : 'body';
    else source = 'query';
    sources.set(handler, source);
  }
  return source;
}

function requestedIn(req: GatewayRequest, source: Source, field: string): unknown {
  const body = (req.body as Record<string, unknown> | undefined)?.[field];
  const query = (req.query as Record<string, unknown> | undefined)?.[field];
  if (source === 'path') return req.params?.[field];
  if (source === 'body') return body;
  if (source === 'query') return query;
  return body ?? query;
}

const actingIn = (field: string) =>
  createParamDecorator((_data: unknown, context: ExecutionContext): string => {
    const req = context.switchToHttp().getRequest<GatewayRequest>();
    return actingTenant(req.principal!, requestedIn(req, sourceOf(context, field), field), field);
  });

/** `@ActingTenant() tenantId: string`: the tenant, named `tenantId` where the route takes its input. */
export const ActingTenant = actingIn('tenantId');
/** The Heartbeat API's tenant, its project, named `project_id`. */
export const ActingProject = actingIn('project_id');
