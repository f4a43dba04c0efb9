import { AuthenticationError } from '@hb/sdk';
import { useEffect, useRef, useState } from 'react';
import { BrowserRouter, NavLink, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AgentPage } from './pages/agent';
import { AgentsPage } from './pages/agents';
import { HeartbeatsPage } from './pages/heartbeats';
import { MemoriesPage } from './pages/memories';
import { SignInPage } from './pages/sign-in';
import { TenantPage } from './pages/tenant';
import { WebhooksPage } from './pages/webhooks';
import { SessionContext, forgetCredential, signIn, storedCredential, type Session } from './session';
import { ErrorNote, Loading } from './ui';

const PAGES = [
  { to: '/agents', label: 'Agents' },
  { to: '/memories', label: 'Memory' },
  { to: '/heartbeats', label: 'Heartbeats' },
  { to: '/webhooks', label: 'Webhooks' },
  { to: '/tenant', label: 'Keys & usage' },
];

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [restoring, setRestoring] = useState(() => storedCredential() !== null);
  const [unreachable, setUnreachable] = useState<unknown>();
  const [ended, setEnded] = useState<string | undefined>();

  const signOut = (reason?: string) => {
    forgetCredential();
    setEnded(reason);
    setSession(null);
  };
  const start = async (credential: string) => {
    const { client, identity } = await signIn(credential);
    setEnded(undefined);
    setSession({ client, credential, identity, signOut });
  };
  // A reload keeps the tab's sign-in. A credential the gateway refuses is forgotten; one it could
  // not check (the gateway away, a limit reached) is kept, to try again.
  const restore = () => {
    const credential = storedCredential();
    if (!credential) return setRestoring(false);
    setRestoring(true);
    setUnreachable(undefined);
    start(credential)
      .catch((error: unknown) => (error instanceof AuthenticationError ? signOut('Your key or token is no longer accepted: sign in again.') : setUnreachable(error)))
      .finally(() => setRestoring(false));
  };
  useEffect(restore, []);

  return (
    <BrowserRouter basename="/console">
      {restoring ? (
        <main className="content">
          <Loading what="your session" />
        </main>
      ) : unreachable ? (
        <main className="sign-in" id="main">
          <h1>Heartbeat console</h1>
          <ErrorNote error={unreachable} />
          <div className="actions">
            <button type="button" onClick={restore}>
              Try again
            </button>
            <button type="button" className="secondary" onClick={() => { setUnreachable(undefined); signOut(); }}>
              Sign in with another key
            </button>
          </div>
        </main>
      ) : session ? (
        <SessionContext.Provider value={session}>
          <Shell session={session} />
        </SessionContext.Provider>
      ) : (
        <SignInPage onSignIn={start} notice={ended} />
      )}
    </BrowserRouter>
  );
}

/** Moves focus to the page's content when the route changes, as a page load would. */
function useFocusOnNavigation(): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [pathname]);
}

function Shell({ session }: { session: Session }) {
  const { identity } = session;
  useFocusOnNavigation();
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Heartbeat console</span>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((page) => (
              <li key={page.to}>
                <NavLink to={page.to}>{page.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span className="muted" title={identity.scopes.join(' ')}>
            {identity.kind === 'admin' ? 'admin key' : identity.kind === 'user' ? `${identity.userId} · tenant ${identity.tenantId}` : `tenant ${identity.tenantId}`}
          </span>
          <button type="button" className="secondary" onClick={() => session.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        <Routes>
          <Route path="/" element={<Navigate to="/agents" replace />} />
          <Route path="/agents" element={<AgentsPage />} />
          <Route path="/agents/:agentId" element={<AgentPage />} />
          <Route path="/memories" element={<MemoriesPage />} />
          <Route path="/heartbeats" element={<HeartbeatsPage />} />
          <Route path="/webhooks" element={<WebhooksPage />} />
          <Route path="/tenant" element={<TenantPage />} />
          <Route path="*" element={<p>No such page. <NavLink to="/agents">Go to agents</NavLink></p>} />
        </Routes>
      </main>
    </div>
  );
}
