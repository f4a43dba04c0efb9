import { HeroBrain, errorOf } from '@hb/sdk';
import { createContext, useContext } from 'react';

/** Who signed in, as the gateway's whoami tells it. */
export interface Identity {
  kind: string;
  tenantId?: string;
  agentId?: string | null;
  keyId?: string;
  /** A signed-in user's subject, when the sign-in was a token. */
  userId?: string;
  scopes: string[];
}

/** The caller's standing against its rate limits, from the X-RateLimit-* headers of its last look. */
export interface RateStanding {
  limit: number;
  remaining: number;
  reset: number;
}

export interface Session {
  client: HeroBrain;
  /** The key or token signed in with, for the few calls the client does not make (whoami's headers). */
  credential: string;
  identity: Identity;
  /** Ends the session; `reason` is shown on the sign-in page. */
  signOut(reason?: string): void;
}

/**
 * The credential lives in session storage: it is gone with the tab, never in a URL or a cookie,
 * and every request carries it as the bearer the API reference shows.
 */
const STORAGE_KEY = 'hb.console.credential';

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export function storedCredential(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function forgetCredential(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** Checks the key or token with the gateway; on success keeps it for the tab and answers the client. */
export async function signIn(credential: string): Promise<{ client: HeroBrain; identity: Identity }> {
  const { identity } = await whoami(credential);
  // The admin key manages tenants and acts in none; the console works inside one tenant.
  if (identity.kind === 'admin') throw new Error('This is the admin key: sign in with a tenant key (make one with the admin key, as the README shows).');
  if (identity.agentId) throw new Error("This is an agent key: it reaches its one agent through the Agent API. Sign in with a tenant key.");
  sessionStorage.setItem(STORAGE_KEY, credential);
  const client = new HeroBrain({ apiKey: credential, tenantId: identity.tenantId, baseUrl: window.location.origin, maxRetries: 1 });
  return { client, identity };
}

/** whoami with the rate-limit headers, which the client's answers do not carry. */
export async function whoami(credential: string): Promise<{ identity: Identity; rate: RateStanding | null }> {
  const res = await fetch('/api/v1/system/whoami', { headers: { Authorization: `Bearer ${credential}` } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw errorOf(res.status, body, res.headers);
  const limit = res.headers.get('X-RateLimit-Limit');
  const rate = limit === null
    ? null
    : { limit: Number(limit), remaining: Number(res.headers.get('X-RateLimit-Remaining')), reset: Number(res.headers.get('X-RateLimit-Reset')) };
  return { identity: (body as { data: Identity }).data, rate };
}
