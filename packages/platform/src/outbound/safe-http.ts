import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Addresses an outgoing call (a webhook, an agent's MCP server) may never reach unless its host is allowlisted. */
const FORBIDDEN = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['ff00::', 8],
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv6');
}

export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  // IPv4-mapped IPv6 (::ffff:a.b.c.d) is refused outright; it is not a rule of the list, since a
  // BlockList checks plain IPv4 addresses against IPv6 rules as mapped ones.
  if (family === 6 && /^::ffff:/i.test(address)) return true;
  return FORBIDDEN.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class RefusedAddressError extends Error {}

/**
 * A `lookup` for net.connect that refuses a host resolving to any private or local address (all
 * its addresses are checked, at connect time, so a DNS answer changing between a check and the
 * connect — rebinding — cannot slip through); `allowed` (an allowlisted host) skips the check.
 */
export function guardedLookup(allowed: boolean): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, []);
      const refused = allowed ? undefined : addresses.find((a) => isForbiddenAddress(a.address));
      // The address itself is not said: the message reaches tenants (a delivery's error, a model's prompt).
      if (refused) return callback(new RefusedAddressError(`refused: ${hostname} resolves to a private or local address`), []);
      if (lookupOptions.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** The refusal of a URL whose host is written as a private or local address (no lookup is made for it); null otherwise. */
export function refusedLiteral(url: URL, allowed: boolean): string | null {
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  return !allowed && isIP(literal) && isForbiddenAddress(literal) ? `refused: ${literal} is a private or local address` : null;
}

export interface SendResult {
  statusCode: number | null;
  headers: IncomingMessage['headers'];
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

const EXCERPT_BYTES = 1024;

/**
 * POSTs a body where a webhook points, safely: an address in the URL, and every address its host
 * resolves to, is checked when the connection is made (guardedLookup); private, loopback,
 * link-local, CGNAT, unique-local and IPv4-mapped addresses are refused unless the host is
 * allowlisted, redirects are not followed, and the whole attempt has a deadline.
 */
export async function safePost(
  url: URL,
  headers: Record<string, string>,
  body: string,
  options: { allowed: boolean; timeoutMs: number },
): Promise<SendResult> {
  const started = performance.now();
  // An address written in the URL is connected to without any lookup: it is checked here.
  const refused = refusedLiteral(url, options.allowed);
  if (refused) return { statusCode: null, headers: {}, latencyMs: 0, error: refused, responseExcerpt: null };
  const lookup = guardedLookup(options.allowed);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    const done = (result: Omit<SendResult, 'latencyMs'>) => resolve({ ...result, latencyMs: Math.round(performance.now() - started) });
    const req = request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () =>
          done({
            statusCode: res.statusCode ?? null,
            headers: res.headers,
            error: null,
            responseExcerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8') || null,
          }),
        );
        res.on('error', (error) => done({ statusCode: res.statusCode ?? null, headers: res.headers, error: error.message, responseExcerpt: null }));
      },
    );
    req.on('error', (error) => {
      const message = error.name === 'AbortError' || error.name === 'TimeoutError' ? `timed out after ${options.timeoutMs} ms` : error.message;
      done({ statusCode: null, headers: {}, error: message, responseExcerpt: null });
    });
    req.end(body);
  });
}
