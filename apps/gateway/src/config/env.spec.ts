import { ConfigError, loadConfig } from '@hb/platform';
import { TENANT_SCOPES } from '../auth/scopes';
import { jwtSettingsOf } from '../gateway-settings';
import { GatewayEnv } from './env';

const JWT = { JWT_JWKS_URL: 'https://clerk.example.test/.well-known/jwks.json', JWT_ISSUER: 'https://clerk.example.test', JWT_AUDIENCE: 'hb-gateway' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(GatewayEnv, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe(GatewayEnv.name, () => {
  it('leaves signed-in users off when no key set is named', () => {
    expect(jwtSettingsOf(loadConfig(GatewayEnv, {}))).toBeUndefined();
  });

  it.each(['JWT_ISSUER', 'JWT_AUDIENCE'])('refuses to boot with a key set but no %s, naming it', (missing) => {
    const env: Record<string, string> = { ...JWT };
    delete env[missing];
    expect(problemsOf(env)).toEqual([expect.stringMatching(new RegExp(`^${missing}: ${missing} is required when JWT_JWKS_URL is set`))]);
  });

  it('refuses to boot with an issuer or audience but no key set, naming it', () => {
    expect(problemsOf({ JWT_ISSUER: JWT.JWT_ISSUER, JWT_AUDIENCE: JWT.JWT_AUDIENCE })).toEqual([expect.stringMatching(/^JWT_JWKS_URL: /)]);
  });

  it('refuses a key set that is not an http(s) URL, and a default scope the gateway does not know', () => {
    expect(problemsOf({ ...JWT, JWT_JWKS_URL: 'file:///etc/jwks.json' })).toEqual([expect.stringMatching(/^JWT_JWKS_URL: /)]);
    expect(problemsOf({ ...JWT, JWT_DEFAULT_SCOPES: 'read:memories,admin' })).toEqual([expect.stringMatching(/^JWT_DEFAULT_SCOPES: /)]);
  });

  it('takes a key set over plain http from this machine only: whoever answers for it signs users in', () => {
    expect(problemsOf({ ...JWT, JWT_JWKS_URL: 'http://idp.example.test/.well-known/jwks.json' })).toEqual([expect.stringMatching(/^JWT_JWKS_URL: JWT_JWKS_URL must be https/)]);
    for (const local of ['http://127.0.0.1:8080/jwks.json', 'http://localhost/jwks.json', 'http://[::1]:9000/jwks.json']) expect(problemsOf({ ...JWT, JWT_JWKS_URL: local })).toEqual([]);
  });

  it('takes the claims, default scopes, skew and cooldown from the environment, with their defaults', () => {
    expect(jwtSettingsOf(loadConfig(GatewayEnv, JWT))).toEqual({
      jwksUrl: new URL(JWT.JWT_JWKS_URL),
      issuer: JWT.JWT_ISSUER,
      audience: JWT.JWT_AUDIENCE,
      tenantClaim: 'org_id',
      scopesClaim: 'scope',
      defaultScopes: TENANT_SCOPES.filter((scope) => scope !== 'write:keys'),
      clockSkewSeconds: 30,
      jwksCooldownMs: 10_000,
    });
    const env = { ...JWT, JWT_TENANT_CLAIM: 'team', JWT_SCOPES_CLAIM: 'perms', JWT_DEFAULT_SCOPES: 'read:memories, read:agents', JWT_CLOCK_SKEW_SECONDS: '5', JWT_JWKS_COOLDOWN_SECONDS: '1' };
    expect(jwtSettingsOf(loadConfig(GatewayEnv, env))).toMatchObject({
      tenantClaim: 'team',
      scopesClaim: 'perms',
      defaultScopes: ['read:memories', 'read:agents'],
      clockSkewSeconds: 5,
      jwksCooldownMs: 1000,
    });
  });
});
