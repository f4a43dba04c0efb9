/**
 * What a key may do. The spec's two memory scopes plus what the rest of the product needs. A key
 * created without scopes holds every tenant scope; `admin` belongs to the bootstrap key alone.
 */
export const TENANT_SCOPES = [
  'read:memories',
  'write:memories',
  'read:agents',
  'write:agents',
  'invoke:agents',
  'read:heartbeats',
  'write:heartbeats',
  'read:webhooks',
  'write:webhooks',
  'read:keys',
  'write:keys',
  'read:usage',
] as const;
export type TenantScope = (typeof TENANT_SCOPES)[number];
export type Scope = TenantScope | 'admin';

/** What an agent key may do, on its own agent only (spec 000: invoke, status, memory). */
export const AGENT_KEY_SCOPES: TenantScope[] = ['invoke:agents', 'read:memories', 'write:memories'];
