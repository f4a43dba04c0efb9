import type { TenantPrincipal } from './principal';

interface Entry {
  principal: TenantPrincipal;
  expiresAt: number | null;
  cachedUntil: number;
}

/**
 * Recently authenticated keys and signed-in users' tokens by hash, so most requests skip Postgres
 * (and a token its signature check). An entry lives at most `ttlMs` (one second by default), which
 * bounds how long a revoked key can go on working on a replica that missed the revocation event;
 * the event itself evicts at once. No entry outlives its key's or token's expiry.
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 1000,
    private readonly maxEntries = 10_000,
  ) {}

  get(hash: string, now = Date.now()): TenantPrincipal | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.cachedUntil <= now || (entry.expiresAt !== null && entry.expiresAt <= now)) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry.principal;
  }

  set(hash: string, principal: TenantPrincipal, expiresAt: number | null, now = Date.now()): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(hash, { principal, expiresAt, cachedUntil: now + this.ttlMs });
  }

  evictKey(keyId: string): void {
    for (const [hash, entry] of this.entries) {
      if (entry.principal.kind === 'key' && entry.principal.keyId === keyId) this.entries.delete(hash);
    }
  }
}
