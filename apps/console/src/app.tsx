import { useEffect, useState } from 'react';
import { BrowserRouter, NavLink, Navigate, Route, Routes } from 'react-router-dom';
import { AgentPage } from './pages/agent';
import { AgentsPage } from './pages/agents';
import { HeartbeatsPage } from './pages/heartbeats';
import { MemoriesPage } from './pages/memories';
import { SignInPage } from './pages/sign-in';
import { TenantPage } from './pages/tenant';
import { WebhooksPage } from './pages/webhooks';
import { SessionContext, forgetCredential, signIn, storedCredential, type Session } from './session';
import { Loading } from './ui';

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

  const signOut = () => {
    forgetCredential();
    setSession(null);
  };
  const start = async (credential: string) => {
    const { client, identity } = await signIn(credential);
    setSession({ client, credential, identity, signOut });
  };

  // A reload keeps the tab's sign-in; a credential the gateway no longer takes is forgotten.
  useEffect(() => {
    const credential = storedCredential();
    if (!credential) return;
    start(credential)
      .catch(forgetCredential)
      .finally(() => setRestoring(false));
  }, []);

  return (
    <BrowserRouter basename="/console">
      {restoring ? (
        <main className="content">
          <Loading what="your session" />
        </main>
      ) : session ? (
        <SessionContext.Provider value={session}>
          <Shell session={session} />
        </SessionContext.Provider>
      ) : (
        <SignInPage onSignIn={start} />
      )}
    </BrowserRouter>
  );
}

function Shell({ session }: { session: Session }) {
  const { identity } = session;
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
          <button type="button" className="secondary" onClick={session.signOut}>
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
