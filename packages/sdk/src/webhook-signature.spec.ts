import { verifyWebhook, WebhookVerificationError } from './webhook-signature';

// The Standard Webhooks specification's published example.
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const payload = '{"test": 2432232314}';
const headers = {
  'Webhook-Id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  'Webhook-Timestamp': '1614265330',
  'Webhook-Signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const then = new Date(1614265330 * 1000);

describe('verifyWebhook', () => {
  it("accepts the specification's example, with headers in any case, as a string or bytes", async () => {
    await expect(verifyWebhook(payload, headers, secret, { now: then })).resolves.toEqual({ test: 2432232314 });
    await expect(verifyWebhook(new TextEncoder().encode(payload), new Headers(headers), secret, { now: then })).resolves.toEqual({ test: 2432232314 });
  });

  it('accepts any one of several signatures (a secret rotating)', async () => {
    const rotating = { ...headers, 'Webhook-Signature': `v1,bm90IHRoaXMgb25l ${headers['Webhook-Signature']}` };
    await expect(verifyWebhook(payload, rotating, secret, { now: then })).resolves.toEqual({ test: 2432232314 });
  });

  it.each([
    ['a changed body', '{"test": 2432232315}', headers, secret],
    ['another secret', payload, headers, 'whsec_bm90IHRoZSBzZWNyZXQ='],
    ['a signature of another version', payload, { ...headers, 'Webhook-Signature': headers['Webhook-Signature'].replace('v1,', 'v2,') }, secret],
    ['no signature', payload, { 'Webhook-Id': headers['Webhook-Id'], 'Webhook-Timestamp': headers['Webhook-Timestamp'] }, secret],
  ])('refuses %s', async (_case, body, given, key) => {
    await expect(verifyWebhook(body, given, key, { now: then })).rejects.toBeInstanceOf(WebhookVerificationError);
  });

  it('refuses a timestamp outside the tolerance, either way', async () => {
    const late = new Date(then.getTime() + 301_000);
    const early = new Date(then.getTime() - 301_000);
    await expect(verifyWebhook(payload, headers, secret, { now: late })).rejects.toThrow('too far');
    await expect(verifyWebhook(payload, headers, secret, { now: early })).rejects.toThrow('too far');
    await expect(verifyWebhook(payload, headers, secret, { now: late, toleranceSeconds: 600 })).resolves.toEqual({ test: 2432232314 });
  });
});
