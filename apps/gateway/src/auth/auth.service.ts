import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes } from '@hb/contracts';
import { Metrics, type Counter } from '@hb/platform';
import { ApiKeysRepository } from '../api-keys/api-keys.repository';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../gateway-settings';
import { effectiveLimits } from '../tenants/plans';
import { hashKey, kindOf } from './api-key-format';
import { KeyCache } from './key-cache';
import type { Principal } from './principal';
import { TENANT_SCOPES, type Scope } from './scopes';

const ADMIN_SCOPES: readonly Scope[] = [...TENANT_SCOPES, 'admin'];
/** lastUsedAt is a hint, not an audit log: one write per key per minute keeps it off the hot path. */
const LAST_USED_EVERY_MS = 60_000;

@Injectable()
export class AuthService {
  private readonly adminDigest?: Buffer;
  private readonly lastUsedWritten = new Map<string, number>();
  private readonly failures: Counter<'reason'>;

  constructor(
    private readonly keys: ApiKeysRepository,
    readonly cache: KeyCache,
    @Inject(GATEWAY_SETTINGS) settings: GatewaySettings,
    metrics: Metrics,
  ) {
    this.adminDigest = settings.adminKey ? Buffer.from(hashKey(settings.adminKey), 'hex') : undefined;
    this.failures = metrics.counter(
      'gateway_auth_failures_total',
      'Requests refused for their credentials: missing (no Authorization), malformed (not a bearer key, or a bad checksum), unknown (no such key, revoked or expired).',
      ['reason'],
    );
  }

  /**
   * The principal behind an Authorization header. Every failure after "no credentials" is the
   * same AUTH_INVALID, so a caller learns nothing about which keys exist, are revoked or expired.
   */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (!authorization) throw this.refuse('missing', new DomainError(ErrorCodes.AuthRequired, 'Authentication required'));
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw this.refuse('malformed');
    const token = match[1];
    // One hash serves both checks: the admin key's and the stored keys'.
    const hash = hashKey(token);
    if (this.adminDigest && timingSafeEqual(Buffer.from(hash, 'hex'), this.adminDigest)) {
      return { kind: 'admin', scopes: ADMIN_SCOPES };
    }
    if (!kindOf(token)) throw this.refuse('malformed');
    const cached = this.cache.get(hash);
    if (cached) {
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

  private refuse(reason: 'missing' | 'malformed' | 'unknown', error = invalid()): DomainError {
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
