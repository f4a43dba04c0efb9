import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signing: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">. A secret in
 * the standard's form (whsec_<base64>) is used as its decoded bytes, any other as its UTF-8 bytes
 * (spec 003's example secret is a plain string).
 */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The webhook-* headers of one attempt, signed with every current secret (two during a rotation). */
export function signedHeaders(secrets: string[], id: string, body: string, now = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => signature(secret, id, timestamp, body)).join(' '),
  };
}
