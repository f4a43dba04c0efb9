import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes } from '@hb/contracts';
import { Metrics, type Counter } from '@hb/platform';
import { ApiKeysRepository } from '../api-keys/api-keys.repository';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../gateway-settings';
import { effectiveLimits } from '../tenants/plans';
import { TenantsRepository } from '../tenants/tenants.repository';
import { hashKey, kindOf } from './api-key-format';
import { JwtVerifier, looksLikeJwt } from './jwt-verifier';
import { KeyCache } from './key-cache';
import type { Principal, UserPrincipal } from './principal';
import { TENANT_SCOPES, type Scope } from './scopes';

const ADMIN_SCOPES: readonly Scope[] = [...TENANT_SCOPES, 'admin'];
/** lastUsedAt is a hint, not an audit log: one write per key per minute keeps it off the hot path. */
const LAST_USED_EVERY_MS = 60_000;

type FailureReason = 'missing' | 'malformed' | 'unknown' | 'unverified';

@Injectable()
export class AuthService {
  private readonly adminDigest?: Buffer;
  private readonly lastUsedWritten = new Map<string, number>();
  private readonly failures: Counter<'reason'>;

  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly tenants: TenantsRepository,
    readonly cache: KeyCache,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
    @Inject(JwtVerifier) private readonly jwt: JwtVerifier | null,
    metrics: Metrics,
  ) {
    this.adminDigest = settings.adminKey ? Buffer.from(hashKey(settings.adminKey), 'hex') : undefined;
    this.failures = metrics.counter(
      'gateway_auth_failures_total',
      'Requests refused for their credentials: missing (no Authorization), malformed (not a bearer key, or a bad checksum), ' +
        "unknown (no such key, revoked or expired; or a signed-in user's token naming no tenant that exists), " +
        "unverified (a signed-in user's token whose signature, algorithm, issuer, audience, time window or claims fail).",
      ['reason'],
    );
  }

  /**
   * The principal behind an Authorization header. Every failure after "no credentials" is the
   * same AUTH_INVALID, so a caller learns nothing about which keys exist, are revoked or expired,
   * or which tenants exist.
   */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (!authorization) throw this.refuse('missing', new DomainError(ErrorCodes.AuthRequired, 'Authentication required'));
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw this.refuse('malformed');
    const token = match[1];
    // One hash serves every check: the admin key's, the stored keys' and the cache's.
    const hash = hashKey(token);
    if (this.adminDigest && timingSafeEqual(Buffer.from(hash, 'hex'), this.adminDigest)) {
      return { kind: 'admin', scopes: ADMIN_SCOPES };
    }
    if (this.jwt && looksLikeJwt(token)) return this.cache.get(hash) ?? this.authenticateUser(this.jwt, token, hash);
    if (!kindOf(token)) throw this.refuse('malformed');
    const cached = this.cache.get(hash);
    if (cached?.kind === 'key') {
      this.touch(cached.keyId);
      return cached;
    }
    const found = await this.keys.findActiveByHash(hash);
    if (!found) throw this.refuse('unknown');
    const { key, tenant } = found;
    const principal = {
      kind: 'key' as const,
      keyId: key.id,
      tenantId: key.tenantId,
      agentId: key.agentId,
      scopes: key.scopes as Scope[],
      rateLimit: key.rateLimit,
      limits: effectiveLimits(tenant.plan, tenant.limitOverrides),
    };
    this.cache.set(hash, principal, key.expiresAt?.getTime() ?? null);
    this.touch(key.id);
    return principal;
  }

  /**
   * A signed-in user: a verified token whose tenant exists. Kept in the cache like a key, never past
   * the token's `exp`, so a burst of one user's requests verifies and looks up the tenant once.
   */
  private async authenticateUser(jwt: JwtVerifier, token: string, hash: string): Promise<UserPrincipal> {
    const user = await jwt.verify(token);
    if (!user) throw this.refuse('unverified');
    const tenant = await this.tenants.find(user.tenantId);
    if (!tenant) throw this.refuse('unknown');
    const principal: UserPrincipal = {
      kind: 'user',
      userId: user.userId,
      tenantId: tenant.id,
      agentId: null,
      scopes: user.scopes,
      rateLimit: this.settings.defaultKeyRateLimit,
      limits: effectiveLimits(tenant.plan, tenant.limitOverrides),
    };
    this.cache.set(hash, principal, user.expiresAt);
    return principal;
  }

  private refuse(reason: FailureReason, error = invalid()): DomainError {
    this.failures.inc({ reason });
    return error;
  }

  private touch(keyId: string): void {
    const now = Date.now();
    if ((this.lastUsedWritten.get(keyId) ?? 0) + LAST_USED_EVERY_MS > now) return;
    this.lastUsedWritten.set(keyId, now);
    void this.keys.touch(keyId, new Date(now)).catch(() => this.lastUsedWritten.delete(keyId));
  }
}

function invalid(): DomainError {
  return new DomainError(ErrorCodes.AuthInvalid, 'Invalid authentication token');
}
