import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { randomString } from '@hb/platform';

export const KEY_KINDS = ['production', 'development', 'agent'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

const PREFIXES: Record<KeyKind, string> = { production: 'hb_prod_', development: 'hb_dev_', agent: 'hb_agent_' };
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SECRET_LENGTH = 32; // 62^32 ≈ 2^190
const CHECKSUM_LENGTH = 6; // base62 of a CRC32 fits in 6 characters
const KEY_PATTERN = /^(hb_prod_|hb_dev_|hb_agent_)([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/;

export interface IssuedKey {
  plainKey: string;
  /** Shown in listings: the type prefix and the first six secret characters, never enough to use. */
  keyPrefix: string;
  hash: string;
}

/**
 * Keys look like GitHub's tokens: a type prefix, a random secret, and a CRC32 checksum, so a
 * malformed or mistyped key is refused without a database lookup and a leaked key is easy to scan
 * for. Only the SHA-256 of the key is stored: the key is high-entropy, so a slow hash would add
 * latency without adding safety.
 */
export function issueKey(kind: KeyKind): IssuedKey {
  const secret = randomString(SECRET_LENGTH);
  const body = PREFIXES[kind] + secret;
  const plainKey = body + checksumOf(body);
  return { plainKey, keyPrefix: PREFIXES[kind] + secret.slice(0, 6), hash: hashKey(plainKey) };
}

/** The key's kind when it is well formed and its checksum matches; undefined otherwise. */
export function kindOf(token: string): KeyKind | undefined {
  const match = KEY_PATTERN.exec(token);
  if (!match) return undefined;
  const [, prefix, secret, checksum] = match;
  if (checksumOf(prefix + secret) !== checksum) return undefined;
  return (Object.keys(PREFIXES) as KeyKind[]).find((kind) => PREFIXES[kind] === prefix);
}

export function hashKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function checksumOf(body: string): string {
  let n = crc32(body);
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}
