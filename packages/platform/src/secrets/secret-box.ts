import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The key development and tests seal with when SECRETS_KEY is not set. Production refuses to
 * start without SECRETS_KEY, so nothing sealed with this one is ever worth protecting.
 */
export const DEVELOPMENT_SECRETS_KEY = 'development-only-secrets-key-never-use-in-production';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {}

/**
 * Seals short secrets for storage (AES-256-GCM, a random nonce each time, through node:crypto),
 * with a key derived from SECRETS_KEY by HKDF. Each sealed value names the key it was sealed
 * with, and is bound to a context (the id of the row holding it), so a value copied to another
 * row, or opened with another key, is refused rather than misread.
 */
export class SecretBox {
  private readonly key: Buffer;
  /** Names the key without revealing it: the first bytes of its hash. */
  readonly keyId: string;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'heartbeat-platform', 'secret-box v1', 32));
    this.keyId = createHash('sha256').update(this.key).digest('hex').slice(0, 8);
  }

  /** `v1.<key id>.<nonce>.<ciphertext and tag>`, base64url. */
  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.keyId, iv.toString('base64url'), sealed.toString('base64url')].join('.');
  }

  open(value: string, context: string): string {
    const [version, keyId, iv, sealed] = value.split('.');
    if (version !== VERSION || !iv || !sealed) throw new SecretBoxError('not a sealed value');
    if (keyId !== this.keyId) throw new SecretBoxError(`sealed with another key (${keyId}); SECRETS_KEY has changed`);
    const bytes = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('the sealed value does not open: altered, or sealed for another row');
    }
  }
}
