import { DomainError, ErrorCodes } from '@hb/contracts';

/** Whether a URL's host is allowlisted (by name or address, with or without its port). */
export function isAllowlisted(url: URL, allowed: string[]): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return allowed.some((entry) => {
    const e = entry.toLowerCase();
    return e === host || e === `${host}:${url.port}` || e === url.host.toLowerCase();
  });
}

/** A URL an outgoing call may be given (a webhook's, an MCP server's): https, or http to an allowlisted host. */
export function destinationOf(raw: string, allowed: string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DomainError(ErrorCodes.ValidationError, 'url must be an absolute https URL', 'url');
  }
  if (url.username || url.password) throw new DomainError(ErrorCodes.ValidationError, 'url must not carry credentials', 'url');
  const allowlisted = isAllowlisted(url, allowed);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowlisted)) {
    throw new DomainError(ErrorCodes.ValidationError, 'url must be https (plain http only for allowlisted local hosts)', 'url');
  }
  return url;
}
