import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

export interface IdFormat {
  /** How many random characters follow `prefix_`. */
  length?: number;
  /** Letters and digits (the default), or lower-case hex (the Heartbeat API's ids). */
  alphabet?: 'alphanumeric' | 'hex';
}

/**
 * A random id with its kind in front (`mem_…`, `agt_…`, `hb_…`), as every id the platform hands out.
 * 16 alphanumeric characters carry 95 bits.
 */
export function prefixedId(prefix: string, { length = 16, alphabet = 'alphanumeric' }: IdFormat = {}): string {
  return `${prefix}_${randomString(length, alphabet)}`;
}

/** `length` characters drawn uniformly from the alphabet: ids, and the secret part of API keys. */
export function randomString(length: number, alphabet: IdFormat['alphabet'] = 'alphanumeric'): string {
  const chars = alphabet === 'hex' ? HEX : ALPHANUMERIC;
  // The largest multiple of the alphabet's size a byte can reach: bytes above it would favour the first characters.
  const usable = 256 - (256 % chars.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      if (byte < usable && out.length < length) out += chars[byte % chars.length];
    }
  }
  return out;
}
