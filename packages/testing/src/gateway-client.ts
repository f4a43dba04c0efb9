import { randomBytes } from 'node:crypto';

export interface Reply {
  status: number;
  // The answer as a client of the specs reads it: any JSON.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

export interface GatewayClientOptions {
  /** How long a call may take before it fails (an invoke that waits, a slow delivery). */
  timeoutMs?: number;
}

/**
 * Calls the gateway as a client of the specs would: a bearer key, a JSON body (a string is sent as it
 * is, to test malformed input), the JSON answer if there is one. `base` may be given late, as a
 * function, for suites that start the gateway in beforeAll.
 */
export function gatewayClient(base: string | (() => string), options: GatewayClientOptions = {}) {
  return async function call(method: string, path: string, key: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await fetch(`${typeof base === 'function' ? base() : base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      ...(options.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(options.timeoutMs) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
}

export type GatewayCall = ReturnType<typeof gatewayClient>;

/** A new tenant with a key of its own, made with the admin key as an operator would. */
export async function aTenantWithKey(call: GatewayCall, adminKey: string, limits: object = {}): Promise<{ tenantId: string; key: string }> {
  const tenantId = `user_${randomBytes(4).toString('hex')}`;
  const tenant = await call('POST', '/api/v1/admin/tenants', adminKey, { id: tenantId, name: 'e2e', limits });
  if (tenant.status !== 201) throw new Error(`creating tenant ${tenantId} answered ${tenant.status}: ${JSON.stringify(tenant.body)}`);
  const created = await call('POST', '/api/v1/api-keys', adminKey, { name: 'k', tenantId });
  if (created.status !== 201) throw new Error(`creating a key of ${tenantId} answered ${created.status}: ${JSON.stringify(created.body)}`);
  return { tenantId, key: created.body.data.plainKey };
}
