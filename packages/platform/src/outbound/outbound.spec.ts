import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { destinationOf, guardedFetch, isAllowlisted, isForbiddenAddress, safePost } from '.';

describe(isForbiddenAddress.name, () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::ffff:127.0.0.1', '::ffff:8.8.8.8', 'fc00::1', 'fd12::1', 'fe80::1', 'not-an-ip'])(
    'refuses %s',
    (address) => expect(isForbiddenAddress(address)).toBe(true),
  );
  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111'])('allows %s', (address) => expect(isForbiddenAddress(address)).toBe(false));
});

describe('destinations', () => {
  it('accepts https anywhere and http only to an allowlisted host', () => {
    expect(destinationOf('https://example.com/hook', []).href).toBe('https://example.com/hook');
    expect(destinationOf('http://localhost:8080/hook', ['localhost']).host).toBe('localhost:8080');
    expect(() => destinationOf('http://example.com/hook', ['localhost'])).toThrow(expect.objectContaining({ field: 'url' }));
    expect(() => destinationOf('ftp://example.com/', [])).toThrow(expect.objectContaining({ field: 'url' }));
    expect(() => destinationOf('https://user:pw@example.com/', [])).toThrow(expect.objectContaining({ field: 'url' }));
  });

  it('matches the allowlist by host, or host and port', () => {
    expect(isAllowlisted(new URL('http://localhost:1/'), ['localhost:1'])).toBe(true);
    expect(isAllowlisted(new URL('http://localhost:2/'), ['localhost:1'])).toBe(false);
    expect(isAllowlisted(new URL('http://[::1]:2/'), ['::1'])).toBe(true);
  });
});

const LOCAL_TARGETS = ['https://127.0.0.1:8443/', 'https://10.0.0.1/', 'https://169.254.169.254/latest', 'https://[::1]:8443/', 'https://[::ffff:127.0.0.1]:8443/', 'https://localhost:8443/'];

describe('safePost', () => {
  it.each(LOCAL_TARGETS)('refuses %s before connecting', async (url) => {
    const result = await safePost(new URL(url), {}, '{}', { allowed: false, timeoutMs: 1000 });
    expect(result).toMatchObject({ statusCode: null, error: expect.stringMatching(/^refused: /) });
  });
});

describe('guardedFetch', () => {
  let server: Server;
  let port: number;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url!);
      if (req.url === '/moved') res.writeHead(302, { location: `http://127.0.0.1:${port}/target` }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end(`hello from ${req.url}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(LOCAL_TARGETS)('refuses %s', async (url) => {
    await expect(guardedFetch([])(url)).rejects.toThrow(/refused: /);
  });

  it('refuses a name that resolves to a local address, at connect time', async () => {
    // localhost is a name, so the refusal comes from the lookup the connection makes.
    await expect(guardedFetch([])(`http://localhost:${port}/secret`)).rejects.toThrow(/^refused: localhost resolves to a private or local address$/);
    expect(seen).not.toContain('/secret');
  });

  it('reaches an allowlisted host, and does not follow its redirects', async () => {
    const fetch = guardedFetch(['localhost']);
    const ok = await fetch(`http://localhost:${port}/hello`);
    expect(await ok.text()).toBe('hello from /hello');
    const moved = await fetch(`http://localhost:${port}/moved`);
    expect(moved.status).toBe(302);
    expect(seen).not.toContain('/target');
  });
});
