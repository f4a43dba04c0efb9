import type { CreatedApiKey } from '@hb/sdk';
import { useState } from 'react';
import { useSession, whoami } from '../session';
import { ErrorNote, Field, Form, Section, Show, formError, useAction, useLoad } from '../ui';
import { KeyTable, NewKey } from './agent';

/** The tenant's keys, usage against its plan, and the caller's standing against its rate limits. */
export function TenantPage() {
  const { client, credential, identity } = useSession();
  const keys = useLoad(() => client.apiKeys.list(), []);
  const usage = useLoad(() => client.usage.metrics(), []);
  const rate = useLoad(() => whoami(credential), [credential]);
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<'production' | 'development'>('production');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const create = useAction(async () => {
    setCreated(await client.apiKeys.create({ tenantId: client.tenantId!, name, environment }));
    setName('');
    keys.reload();
  });
  const revoke = useAction(async (keyId: string) => {
    if (!window.confirm('Revoke this key? Clients using it stop working at once.')) return;
    await client.apiKeys.revoke(keyId);
    keys.reload();
  });
  return (
    <>
      <h1>Keys &amp; usage</h1>
      <Section title="Usage this month">
        <Show loaded={usage} what="usage">
          {(u) => (
            <dl className="figures">
              <div><dt>API calls this month</dt><dd>{u.apiCalls.thisMonth}{u.apiCalls.limit !== null && ` of ${u.apiCalls.limit}`}</dd></div>
              <div><dt>API calls today</dt><dd>{u.apiCalls.today}</dd></div>
              <div><dt>Memories</dt><dd>{u.memories.count}{u.memories.limit !== null && ` of ${u.memories.limit}`}</dd></div>
              <div><dt>Storage</dt><dd>{bytes(u.storage.used)}{u.storage.limit !== null && ` of ${bytes(u.storage.limit)}`}</dd></div>
            </dl>
          )}
        </Show>
      </Section>
      <Section title="Rate limits">
        <Show loaded={rate} what="rate limits">
          {({ rate: r }) =>
            r && (
              <p>
                This {identity.kind === 'user' ? 'sign-in' : 'key'} has <strong>{r.remaining}</strong> of {r.limit} requests left this window; it resets at{' '}
                {new Date(r.reset * 1000).toLocaleTimeString()}. Each key's own limits are in the table below.
              </p>
            )
          }
        </Show>
      </Section>
      <Section title="Tenant API keys">
        <Form label="Create a tenant key" className="inline-form" onSubmit={() => void create.run()}>
          <Field label="Key name" name="name" error={create.error}>
            {(id, d) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} aria-describedby={d} />}
          </Field>
          <Field label="Environment" name="environment" error={create.error}>
            {(id) => (
              <select id={id} value={environment} onChange={(e) => setEnvironment(e.target.value as typeof environment)}>
                <option value="production">production (hb_prod_)</option>
                <option value="development">development (hb_dev_)</option>
              </select>
            )}
          </Field>
          <button type="submit" disabled={create.busy}>
            Create key
          </button>
        </Form>
        <ErrorNote error={formError(create.error, ['name', 'environment'])} />
        {created && <NewKey created={created} onDone={() => setCreated(null)} />}
        <ErrorNote error={revoke.error} />
        <KeyTable loaded={keys} onRevoke={(id) => void revoke.run(id)} />
      </Section>
    </>
  );
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}
