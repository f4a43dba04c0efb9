import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { DomainError, ErrorCodes } from '@hb/contracts';
import { METRICS_ROUTE, Metrics, PUBLIC_ROUTE, type Counter } from '@hb/platform';
import type { GatewayRequest } from '../http/request-id';
import { RateLimiter, type RateDecision } from '../rate-limit/rate-limiter';
import { ACCESS, type AccessRule } from './access.decorator';
import { AuthService } from './auth.service';
import type { TenantPrincipal } from './principal';

/**
 * The door every route passes: authenticate the key or signed-in user, check its scope, keep agent
 * keys on their agent and everyone else in their tenant, then charge the rate limits and set the X-RateLimit-*
 * headers (429s included). Routes declare their rule with @Access; a route without one is refused.
 */
@Injectable()
export class GatewayGuard implements CanActivate {
  private readonly refusals: Counter;

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly limiter: RateLimiter,
    metrics: Metrics,
  ) {
    this.refusals = metrics.counter('gateway_rate_limit_refusals_total', 'Requests refused with 429: a key over its per-minute, hour or day limit, or a tenant over its monthly quota.');
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [context.getHandler(), context.getClass()]);
    if (rule?.public || this.reflector.get<boolean>(PUBLIC_ROUTE, context.getClass())) return true;
    const req = context.switchToHttp().getRequest<GatewayRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const principal = await this.auth.authenticate(req.headers.authorization);
    req.principal = principal;
    // The metrics route, on the gateway's public port, is the admin key's alone (a scraper's).
    if (!rule) {
      if (principal.kind === 'admin' && this.reflector.get<boolean>(METRICS_ROUTE, context.getClass())) return true;
      throw new DomainError(ErrorCodes.InsufficientScope, 'This route is not open to API keys');
    }
    if (principal.kind === 'admin') return true;

    // Charge first: every authenticated response carries the headers, refusals included, and a
    // key probing routes it may not use still spends its budget.
    const decision = await this.limiter.consume(principal);
    setRateLimitHeaders(res, decision);
    if (!decision.allowed) {
      this.refusals.inc();
      res.setHeader('Retry-After', String(decision.retryAfter));
      throw new DomainError(ErrorCodes.RateLimitExceeded, `Too many requests: retry in ${decision.retryAfter} s`);
    }
    this.checkAgent(principal, rule, req);
    this.checkTenant(principal, req);
    if (rule.scope && !principal.scopes.includes(rule.scope)) {
      throw new DomainError(ErrorCodes.InsufficientScope, `This ${principal.kind === 'user' ? 'token' : 'key'} lacks the '${rule.scope}' scope`);
    }
    return true;
  }

  private checkAgent(principal: TenantPrincipal, rule: AccessRule, req: GatewayRequest): void {
    if (principal.agentId === null || rule.agentKeys === 'kept-on-their-agent-inside') return;
    const agentId = rule.agentParam ? req.params[rule.agentParam] : undefined;
    if (agentId !== principal.agentId) {
      throw new DomainError(ErrorCodes.AgentMismatch, 'This key is scoped to another agent');
    }
  }

  /** A tenant key or user naming another tenant anywhere in the request is refused before any work. */
  private checkTenant(principal: TenantPrincipal, req: GatewayRequest): void {
    const named = [req.params?.tenantId, (req.body as { tenantId?: unknown } | undefined)?.tenantId, req.query?.tenantId]
      .filter((value) => value !== undefined);
    if (named.some((value) => value !== principal.tenantId)) {
      throw new DomainError(ErrorCodes.TenantMismatch, 'Resource belongs to different tenant', 'tenantId');
    }
  }
}

export function setRateLimitHeaders(res: Response, decision: RateDecision): void {
  res.setHeader('X-RateLimit-Limit', String(decision.limit));
  res.setHeader('X-RateLimit-Remaining', String(decision.remaining));
  res.setHeader('X-RateLimit-Reset', String(decision.reset));
}
