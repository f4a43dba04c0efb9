import { SecretBox, SecretBoxError } from './secret-box';

describe(SecretBox.name, () => {
  const box = new SecretBox('a-test-key-of-at-least-thirty-two-characters');

  it('opens what it sealed, for the same context', () => {
    const sealed = box.seal('{"Authorization":"Bearer s3cret"}', 'mcp_1');
    expect(sealed).not.toContain('s3cret');
    expect(sealed.startsWith(`v1.${box.keyId}.`)).toBe(true);
    expect(box.open(sealed, 'mcp_1')).toBe('{"Authorization":"Bearer s3cret"}');
  });

  it('seals the same value differently each time (a fresh nonce)', () => {
    expect(box.seal('x', 'c')).not.toBe(box.seal('x', 'c'));
  });

  it('refuses a value moved to another context, altered, or sealed with another key', () => {
    const sealed = box.seal('token', 'mcp_1');
    expect(() => box.open(sealed, 'mcp_2')).toThrow(SecretBoxError);
    const [version, keyId, iv, body] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([version, keyId, iv, flipped.toString('base64url')].join('.'), 'mcp_1')).toThrow(SecretBoxError);
    expect(() => new SecretBox('another-key-of-at-least-thirty-two-chars').open(sealed, 'mcp_1')).toThrow(/another key/);
    expect(() => box.open('plain text', 'mcp_1')).toThrow(/not a sealed value/);
  });
});
