import { useState } from 'react';
import { ErrorNote, Field, Form, useAction } from '../ui';

/** A tenant or agent key, or a signed-in user's JWT where the deployment takes them. */
export function SignInPage({ onSignIn, notice }: { onSignIn(credential: string): Promise<void>; notice?: string }) {
  const [credential, setCredential] = useState('');
  const action = useAction(() => onSignIn(credential.trim()));
  return (
    <main className="sign-in" id="main">
      <h1>Heartbeat console</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <p className="muted">Sign in with an API key (hb_prod_…, hb_dev_…) or a token. It stays in this tab only, and leaves with it.</p>
      <Form label="Sign in" onSubmit={() => void action.run()}>
        <Field label="API key or token" name="credential">
          {(id) => (
            <input
              id={id}
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={credential}
              onChange={(e) => setCredential(e.target.value)}
              required
              autoFocus
            />
          )}
        </Field>
        <ErrorNote error={action.error} />
        <button type="submit" disabled={action.busy || credential.trim() === ''}>
          {action.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </Form>
    </main>
  );
}
