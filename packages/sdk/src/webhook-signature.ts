import { HeroBrainError } from './core/errors.js';

export class WebhookVerificationError extends HeroBrainError {
  override name = 'WebhookVerificationError';
}

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /** How far the webhook-timestamp may be from now, in seconds, either way. Default 300. */
  toleranceSeconds?: number;
  /** The time to check against. Default: now. */
  now?: Date;
}

/**
 * Checks a delivery's Standard Webhooks signature and answers its parsed payload. `payload` is the
 * request body exactly as received (a string or bytes, never re-serialised JSON). The secret is the
 * webhook's: `whsec_<base64>` is used as its decoded bytes, any other as its UTF-8 bytes. Any of
 * the space-separated `v1,<base64>` signatures may match (two are sent while a secret rotates).
 * Uses WebCrypto: Node 20+, Deno, Bun and browsers.
 */
export async function verifyWebhook<T = unknown>(payload: string | Uint8Array, headers: WebhookHeaders, secret: string, options: VerifyOptions = {}): Promise<T> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('Missing webhook-id, webhook-timestamp or webhook-signature');
  const seconds = Number(timestamp);
  const now = (options.now ?? new Date()).getTime() / 1000;
  if (!Number.isInteger(seconds) || Math.abs(now - seconds) > (options.toleranceSeconds ?? 300)) {
    throw new WebhookVerificationError('The webhook-timestamp is too far from now');
  }
  const body = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
  const expected = await sign(secret, `${id}.${timestamp}.${body}`);
  const matches = signatures
    .split(' ')
    .map((entry) => entry.split(','))
    .some(([version, signature]) => version === 'v1' && signature !== undefined && constantTimeEqual(signature, expected));
  if (!matches) throw new WebhookVerificationError('No signature matches');
  return JSON.parse(body) as T;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value;
}

async function sign(secret: string, content: string): Promise<string> {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!subtle) throw new WebhookVerificationError('verifyWebhook needs WebCrypto (globalThis.crypto.subtle): Node 20 or later, or a browser');
  const keyBytes = secret.startsWith('whsec_') ? base64Decode(secret.slice('whsec_'.length)) : new TextEncoder().encode(secret);
  const key = await subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return base64Encode(new Uint8Array(await subtle.sign('HMAC', key, new TextEncoder().encode(content))));
}

function base64Decode(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function base64Encode(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let index = 0; index < Math.max(a.length, b.length); index++) difference |= (a.charCodeAt(index) | 0) ^ (b.charCodeAt(index) | 0);
  return difference === 0;
}
