import type { ApiKeyEntity } from './api-key.entity';

/** A key as listings show it: everything but the secret, which nobody can see again. */
export interface ApiKeyView {
  id: string;
  name: string;
  keyPrefix: string;
  environment: string;
  scopes: string[];
  rateLimit: ApiKeyEntity['rateLimit'];
  status: 'active' | 'revoked' | 'expired';
  agentId?: string;
  expiresAt?: string;
  lastUsedAt: string | null;
  revokedAt?: string;
  createdAt: string;
}

export function apiKeyView(key: ApiKeyEntity, now = new Date()): ApiKeyView {
  const status = key.revokedAt ? 'revoked' : key.expiresAt && key.expiresAt <= now ? 'expired' : 'active';
  return {
    id: key.id,
    name: key.name,
    keyPrefix: key.keyPrefix,
    environment: key.environment,
    scopes: key.scopes,
    rateLimit: key.rateLimit,
    status,
    ...(key.agentId ? { agentId: key.agentId } : {}),
    ...(key.expiresAt ? { expiresAt: key.expiresAt.toISOString() } : {}),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    ...(key.revokedAt ? { revokedAt: key.revokedAt.toISOString() } : {}),
    createdAt: key.createdAt.toISOString(),
  };
}
