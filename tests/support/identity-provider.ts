import { generateKeyPairSync, randomBytes, sign, type JsonWebKey, type KeyObject } from 'node:crypto';

// An identity provider of the tests' own (Clerk's shape): key pairs as its JWKS lists them, and the
// tokens it signs, honest or not. node:crypto alone, so tests/ needs no JWT library of its own.

export const ISSUER = 'https://clerk.e2e.test';
export const AUDIENCE = 'hb-e2e';

/** A key pair of the identity provider's, as a JWKS lists it. */
export interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: JsonWebKey;
}

export function aSigningKey(alg: SigningKey['alg']): SigningKey {
  const { privateKey, publicKey } = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = `${alg.toLowerCase()}-${randomBytes(4).toString('hex')}`;
  return { kid, alg, privateKey, publicKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' } };
}

export const now = () => Math.floor(Date.now() / 1000);
export const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWT with any header, claims and signature: the test plays a provider, honest or not. */
export function compact(header: object, claims: object, signWith: (input: Buffer) => Buffer): string {
  const input = `${part(header)}.${part(claims)}`;
  return `${input}.${signWith(Buffer.from(input)).toString('base64url')}`;
}

/** A session token of org_id's member `sub`, valid for an hour, signed as the provider signs. */
export function aToken(key: SigningKey, claims: Record<string, unknown>): string {
  const all = { iss: ISSUER, aud: AUDIENCE, iat: now(), exp: now() + 3600, ...claims };
  const signer = key.alg === 'ES256' ? { key: key.privateKey, dsaEncoding: 'ieee-p1363' as const } : key.privateKey;
  return compact({ alg: key.alg, kid: key.kid, typ: 'JWT' }, all, (input) => sign('sha256', input, signer));
}
