import { createHmac, randomBytes, type JsonWebKey } from 'node:crypto';
import { dropKafkaNamespace, gatewayClient, startHttpEndpoint, type HttpEndpoint, type Reply } from '@hb/testing';
import { AUDIENCE, ISSUER, aSigningKey, aToken, compact, now, part } from './support/identity-provider';
import { ServiceProcess, e2eSuite, migrate } from './support/processes';

const TENANT_SCOPES = [
  'read:memories', 'write:memories', 'read:agents', 'write:agents', 'invoke:agents', 'read:heartbeats',
  'write:heartbeats', 'read:webhooks', 'write:webhooks', 'read:keys', 'write:keys', 'read:usage',
];

const anId = (prefix: string) => `${prefix}_${randomBytes(5).toString('hex')}`;

/** The parts of an error body that do not change from one request to the next. */
function refusalOf(res: Reply): unknown {
  return { status: res.status, body: { ...res.body, ...(res.body?.metadata ? { metadata: { version: res.body.metadata.version } } : {}) } };
}

describe('signed-in users: JWT bearer tokens at the gateway', () => {
  const { namespace, adminKey, env } = e2eSuite('jwt');
  const gateway = new ServiceProcess('gateway', 14200, env);
  const call = gatewayClient(gateway.url);
  const rsa = aSigningKey('RS256');
  const ec = aSigningKey('ES256');
  const rotated = aSigningKey('RS256');
  let jwks: HttpEndpoint;
  let served: JsonWebKey[] = [rsa.jwk, ec.jwk];
  const orgId = anId('org');

  async function aTenant(id: string): Promise<void> {
    const res = await call('POST', '/api/v1/admin/tenants', adminKey, { id, name: 'jwt e2e', plan: 'enterprise' });
    expect(res.status).toBe(201);
  }

  /** What the gateway answers an API key nobody issued: every bad token must look the same. */
  async function refusalOfABadKey(path: string): Promise<unknown> {
    return refusalOf(await call('GET', path, `hb_prod_${'a'.repeat(32)}AAAAAA`));
  }

  async function authFailures(reason: string): Promise<number> {
    const text = await (await fetch(`${gateway.url}/metrics`, { headers: { Authorization: `Bearer ${adminKey}` } })).text();
    const line = text.split('\n').find((l) => l.startsWith(`gateway_auth_failures_total{reason="${reason}"`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  beforeAll(async () => {
    jwks = await startHttpEndpoint((req, _body, res) => {
      if (req.url !== '/.well-known/jwks.json') return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys: served }));
    }, 14201);
    await migrate('gateway', env);
    gateway.start({
      JWT_JWKS_URL: `${jwks.url}/.well-known/jwks.json`,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      JWT_JWKS_COOLDOWN_SECONDS: '1',
    });
    await gateway.waitForReadiness(200);
    await aTenant(orgId);
  });

  afterAll(async () => {
    await Promise.all([gateway.stop(), jwks?.close()]);
    await dropKafkaNamespace(namespace);
  });

  it("takes an organisation member's tenant from org_id, and says the caller is that user", async () => {
    const userId = anId('user');
    for (const key of [rsa, ec]) {
      const res = await call('GET', '/api/v1/system/whoami', aToken(key, { sub: userId, org_id: orgId }));
      expect({ status: res.status, data: res.body.data }).toEqual({
        status: 200,
        // Without a scopes claim: JWT_DEFAULT_SCOPES, every tenant scope but minting keys.
        data: { kind: 'user', userId, tenantId: orgId, agentId: null, scopes: TENANT_SCOPES.filter((scope) => scope !== 'write:keys') },
      });
    }
  });

  it("takes a personal account's tenant from its sub", async () => {
    const userId = anId('user');
    await aTenant(userId);
    const res = await call('GET', '/api/v1/system/whoami', aToken(rsa, { sub: userId }));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ kind: 'user', userId, tenantId: userId });
  });

  it.each<[string, () => string]>([
    ['an expired token', () => aToken(rsa, { sub: anId('user'), org_id: orgId, exp: now() - 120 })],
    ['a token not valid yet', () => aToken(rsa, { sub: anId('user'), org_id: orgId, nbf: now() + 120 })],
    ['a token of another issuer', () => aToken(rsa, { sub: anId('user'), org_id: orgId, iss: 'https://evil.e2e.test' })],
    ['a token for another audience', () => aToken(rsa, { sub: anId('user'), org_id: orgId, aud: 'another-api' })],
    ['an unsigned token (alg none)', () => `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: anId('user'), org_id: orgId, iss: ISSUER, aud: AUDIENCE, exp: now() + 600 })}.`],
    [
      'an HS256 token keyed with the public key',
      () => {
        const publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' });
        const claims = { sub: anId('user'), org_id: orgId, iss: ISSUER, aud: AUDIENCE, exp: now() + 600 };
        return compact({ alg: 'HS256', kid: rsa.kid, typ: 'JWT' }, claims, (input) => createHmac('sha256', publicPem).update(input).digest());
      },
    ],
  ])('refuses %s with the AUTH_INVALID of any bad key, on every face', async (_what, token) => {
    const before = await authFailures('unverified');
    for (const path of ['/api/v1/system/whoami', '/api/v1/agents']) {
      const res = await call('GET', path, token());
      expect(refusalOf(res)).toEqual(await refusalOfABadKey(path));
    }
    expect(await refusalOfABadKey('/api/v1/system/whoami')).toEqual({
      status: 401,
      body: { success: false, errors: [{ code: 'AUTH_INVALID', message: 'Invalid authentication token' }], metadata: { version: 'v1' } },
    });
    expect(await refusalOfABadKey('/api/v1/agents')).toEqual({ status: 401, body: { error: { code: 'AUTH_INVALID', message: 'Invalid authentication token' } } });
    expect(await authFailures('unverified')).toBe(before + 2);
  });

  it('forgives a clock 30 s off', async () => {
    const res = await call('GET', '/api/v1/system/whoami', aToken(rsa, { sub: anId('user'), org_id: orgId, exp: now() - 10 }));
    expect(res.status).toBe(200);
  });

  it('refuses a valid token whose tenant does not exist, as any bad key', async () => {
    const before = await authFailures('unknown');
    const res = await call('GET', '/api/v1/system/whoami', aToken(rsa, { sub: anId('user'), org_id: anId('org') }));
    expect(refusalOf(res)).toEqual(await refusalOfABadKey('/api/v1/system/whoami'));
    expect(await authFailures('unknown')).toBe(before + 1);
  });

  it('finds a rotated key without a restart: an unknown kid is refused until the key set lists it', async () => {
    const token = aToken(rotated, { sub: anId('user'), org_id: orgId });
    expect((await call('GET', '/api/v1/system/whoami', token)).status).toBe(401);
    served = [rsa.jwk, ec.jwk, rotated.jwk];
    // The gateway fetches the key set again no sooner than its cooldown (1 s here) after the last fetch.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const res = await call('GET', '/api/v1/system/whoami', token);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ kind: 'user', tenantId: orgId });
  });

  it("lets a user manage the tenant's keys as far as its token's scopes allow, naming the missing scope", async () => {
    const reader = aToken(ec, { sub: anId('user'), org_id: orgId, scope: 'read:keys openid' });
    expect((await call('GET', '/api/v1/api-keys', reader)).status).toBe(200);
    const refused = await call('POST', '/api/v1/api-keys', reader, { name: 'from a reader' });
    expect(refused.status).toBe(403);
    expect(refused.body.errors).toEqual([{ code: 'INSUFFICIENT_SCOPE', message: "This token lacks the 'write:keys' scope" }]);

    const manager = aToken(ec, { sub: anId('user'), org_id: orgId, scope: ['read:keys', 'write:keys', 'read:memories'] });
    const created = await call('POST', '/api/v1/api-keys', manager, { name: 'made by a user' });
    expect(created.status).toBe(201);
    // A key never holds more than its creator: the user's three scopes.
    expect(created.body.data.scopes).toEqual(['read:memories', 'read:keys', 'write:keys']);
    const asKey = await call('GET', '/api/v1/system/whoami', created.body.data.plainKey);
    expect(asKey.body.data).toMatchObject({ kind: 'key', tenantId: orgId });
    const listed = await call('GET', '/api/v1/api-keys', manager);
    expect(listed.body.data.keys.map((key: { id: string }) => key.id)).toContain(created.body.data.id);
  });

  it("keeps a user in its token's tenant", async () => {
    const other = anId('org');
    await aTenant(other);
    const res = await call('GET', `/api/v1/api-keys?tenantId=${other}`, aToken(rsa, { sub: anId('user'), org_id: orgId }));
    expect(res.status).toBe(403);
    expect(res.body.errors[0]).toMatchObject({ code: 'TENANT_MISMATCH', field: 'tenantId' });
  });

  it('counts rate limits per user, whichever of its tenants it acts in, at the default key limits', async () => {
    // A burst that straddles two minute windows would see two budgets; start well inside one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 100));
    const busy = anId('user');
    const other = anId('org');
    await aTenant(other);
    const busyHere = aToken(rsa, { sub: busy, org_id: orgId });
    const first = await call('GET', '/api/v1/system/whoami', busyHere);
    expect([first.headers.get('x-ratelimit-limit'), first.headers.get('x-ratelimit-remaining')]).toEqual(['60', '59']);

    const burst = await Promise.all(Array.from({ length: 60 }, () => call('GET', '/api/v1/system/whoami', busyHere)));
    expect(burst.filter((res) => res.status === 200)).toHaveLength(59);
    const limited = burst.find((res) => res.status === 429)!;
    expect(limited.body.errors[0].code).toBe('RATE_LIMIT_EXCEEDED');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    expect((await call('GET', '/api/v1/system/whoami', aToken(ec, { sub: busy, org_id: other }))).status).toBe(429);
    const colleague = await call('GET', '/api/v1/system/whoami', aToken(rsa, { sub: anId('user'), org_id: orgId }));
    expect(colleague.status).toBe(200);
    expect(colleague.headers.get('x-ratelimit-remaining')).toBe('59');
  });
});
