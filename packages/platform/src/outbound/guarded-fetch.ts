import { Agent, fetch as undiciFetch } from 'undici';
import { isAllowlisted } from './destination';
import { RefusedAddressError, guardedLookup, refusedLiteral } from './safe-http';

/** The fetch of the standard, as clients built on it (the MCP SDK's transports) take it. */
export type Fetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * A fetch for URLs that tenants supply, guarded as webhook deliveries are: a host written as, or
 * resolving to, a private or local address is refused at connect time unless it is allowlisted
 * (WEBHOOK_ALLOWED_HOSTS), and redirects are not followed (a 3xx is the answer). Built on undici,
 * the HTTP client of Node's own fetch, whose connector takes the checking `lookup`.
 */
export function guardedFetch(allowedHosts: string[]): Fetch {
  const guarded = new Agent({ connect: { lookup: guardedLookup(false) } });
  const open = new Agent();
  return async (input, init) => {
    const url = new URL(input);
    const allowed = isAllowlisted(url, allowedHosts);
    const refused = refusedLiteral(url, allowed);
    if (refused) throw new RefusedAddressError(refused);
    try {
      const response = await undiciFetch(url, {
        ...(init as Parameters<typeof undiciFetch>[1]),
        redirect: 'manual',
        dispatcher: allowed ? open : guarded,
      });
      return response as unknown as Response;
    } catch (error) {
      // fetch reports every network failure as "fetch failed"; a refusal is worth saying as itself.
      if (error instanceof Error && error.cause instanceof RefusedAddressError) throw error.cause;
      throw error;
    }
  };
}
