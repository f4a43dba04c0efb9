import { createLocalJWKSet, exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { DomainError, ErrorCodes } from '@hb/contracts';
import { JsonLogger } from '@hb/platform';
import { startHttpEndpoint, type HttpEndpoint } from '@hb/testing';
import type { JwtSettings } from '../gateway-settings';
import { JwtVerifier, looksLikeJwt } from './jwt-verifier';

const ISSUER = 'https://clerk.example.test';
const AUDIENCE = 'hb-gateway';
/** Inside the range the repository's tests may use. */
const JWKS_PORT = 14208;

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

async function aSigningKey(kid: string, alg: SigningKey['alg'] = 'RS256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

const now = () => Math.floor(Date.now() / 1000);

/** A session token as the identity provider signs it: an hour to live, for org_1's member user_1. */
async function aToken(key: SigningKey, claims: JWTPayload = {}): Promise<string> {
  return new SignJWT({ sub: 'user_1', org_id: 'org_1', iss: ISSUER, aud: AUDIENCE, iat: now(), exp: now() + 3600, ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
}

function settings(overrides: Partial<JwtSettings> = {}): JwtSettings {
  return {
    jwksUrl: new URL(`http://127.0.0.1:${JWKS_PORT}/.well-known/jwks.json`),
    issuer: ISSUER,
    audience: AUDIENCE,
    tenantClaim: 'org_id',
    scopesClaim: 'scope',
    defaultScopes: ['read:memories'],
    clockSkewSeconds: 30,
    jwksCooldownMs: 10_000,
    ...overrides,
  };
}

function aLogger() {
  const lines: Array<Record<string, unknown>> = [];
  return { logger: new JsonLogger('gateway', 'test', 'info', { write: (line: string) => lines.push(JSON.parse(line)) }), lines };
}

describe(looksLikeJwt.name, () => {
  it('tells a compact JWT from an API key', () => {
    expect(looksLikeJwt('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln')).toBe(true);
    expect(looksLikeJwt('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1In0.')).toBe(true);
    expect(looksLikeJwt('hb_prod_0123456789ABCDEFGHIJKLMNOPQRSTUVabcdef')).toBe(false);
    expect(looksLikeJwt('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0')).toBe(false);
  });
});

describe(JwtVerifier.name, () => {
  let rsa: SigningKey;
  let ec: SigningKey;
  let sut: JwtVerifier;

  beforeAll(async () => {
    [rsa, ec] = await Promise.all([aSigningKey('rsa-1', 'RS256'), aSigningKey('ec-1', 'ES256')]);
    sut = new JwtVerifier(settings(), aLogger().logger, createLocalJWKSet({ keys: [rsa.jwk, ec.jwk] }));
  });

  it('reads the user, tenant and scopes of an RS256 or ES256 token, and when it expires', async () => {
    const exp = now() + 600;
    for (const key of [rsa, ec]) {
      await expect(sut.verify(await aToken(key, { exp, scope: 'read:keys write:keys' }))).resolves.toEqual({
        userId: 'user_1',
        tenantId: 'org_1',
        scopes: ['read:keys', 'write:keys'],
        expiresAt: exp * 1000,
      });
    }
  });

  it('forgives a clock up to the skew, and no further', async () => {
    await expect(sut.verify(await aToken(rsa, { exp: now() - 10 }))).resolves.toMatchObject({ userId: 'user_1' });
    await expect(sut.verify(await aToken(rsa, { exp: now() - 60 }))).resolves.toBeUndefined();
    await expect(sut.verify(await aToken(rsa, { nbf: now() + 10 }))).resolves.toMatchObject({ userId: 'user_1' });
    await expect(sut.verify(await aToken(rsa, { nbf: now() + 60 }))).resolves.toBeUndefined();
  });

  it('refuses a token of another issuer or audience', async () => {
    await expect(sut.verify(await aToken(rsa, { iss: 'https://elsewhere.example.test' }))).resolves.toBeUndefined();
    await expect(sut.verify(await aToken(rsa, { aud: 'another-api' }))).resolves.toBeUndefined();
  });

  it('refuses a token without exp or sub', async () => {
    const token = await new SignJWT({ sub: 'user_1' }).setProtectedHeader({ alg: 'RS256', kid: rsa.kid }).setIssuer(ISSUER).setAudience(AUDIENCE).sign(rsa.privateKey);
    await expect(sut.verify(token)).resolves.toBeUndefined();
    const anonymous = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: rsa.kid }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('1h').sign(rsa.privateKey);
    await expect(sut.verify(anonymous)).resolves.toBeUndefined();
  });

  it('refuses a signature of a key outside the set, and one that does not match', async () => {
    const stranger = await aSigningKey('rsa-1');
    await expect(sut.verify(await aToken(stranger))).resolves.toBeUndefined();
    const [header, , signature] = (await aToken(rsa)).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'user_2', org_id: 'org_1', iss: ISSUER, aud: AUDIENCE, exp: now() + 60 })).toString('base64url');
    await expect(sut.verify(`${header}.${forged}.${signature}`)).resolves.toBeUndefined();
  });

  it("refuses alg none, and HS256 keyed with the set's public key", async () => {
    const claims = { sub: 'user_1', org_id: 'org_1', iss: ISSUER, aud: AUDIENCE, exp: now() + 600 };
    await expect(sut.verify(new UnsecuredJWT(claims).encode())).resolves.toBeUndefined();
    const publicPem = new TextEncoder().encode(await exportSPKI(rsa.publicKey));
    const confused = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: rsa.kid }).sign(publicPem);
    await expect(sut.verify(confused)).resolves.toBeUndefined();
  });

  it('refuses a token whose claims cannot be read', async () => {
    await expect(sut.verify(await aToken(rsa, { org_id: 42 }))).resolves.toBeUndefined();
  });

  describe('with the key set served over HTTP', () => {
    let served: JWK[];
    let status: number;
    let fetches: number;
    let jwks: HttpEndpoint;

    beforeAll(async () => {
      jwks = await startHttpEndpoint((_req, _body, res) => {
        fetches += 1;
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys: served }));
      }, JWKS_PORT);
    });

    beforeEach(() => {
      served = [rsa.jwk];
      status = 200;
      fetches = 0;
    });

    afterAll(() => jwks.close());

    it('finds a rotated key without a restart, once the cooldown since the last fetch is over', async () => {
      const sut = new JwtVerifier(settings({ jwksCooldownMs: 300 }), aLogger().logger);
      await expect(sut.verify(await aToken(rsa))).resolves.toMatchObject({ userId: 'user_1' });
      served = [rsa.jwk, ec.jwk];
      const rotated = await aToken(ec);
      await expect(sut.verify(rotated)).resolves.toBeUndefined();
      expect(fetches).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 350));
      await expect(sut.verify(rotated)).resolves.toMatchObject({ userId: 'user_1' });
      expect(fetches).toBe(2);
    });

    it('answers SERVICE_UNAVAILABLE, and logs, when the key set cannot be read', async () => {
      status = 500;
      const { logger, lines } = aLogger();
      const sut = new JwtVerifier(settings(), logger);
      const refusal = await sut.verify(await aToken(rsa)).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(DomainError);
      expect(refusal).toMatchObject({ code: ErrorCodes.ServiceUnavailable });
      expect(lines).toEqual([expect.objectContaining({ level: 'warn', url: settings().jwksUrl.href })]);
    });
  });
});
