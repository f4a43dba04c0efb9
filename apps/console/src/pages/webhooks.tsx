import type { Webhook, WebhookDelivery, WebhookTestResult } from '@hb/sdk';
import { useState } from 'react';
import { useSession } from '../session';
import { CopyButton, ErrorNote, Field, Form, Head, Pager, Section, Show, formError, useAction, useLoad, when } from '../ui';

type WebhookEvent = Webhook['events'][number];
const EVENTS: WebhookEvent[] = [
  'memory.created', 'memory.updated', 'memory.deleted', 'search.performed', 'api_key.created', 'api_key.revoked',
  'agent.run.completed', 'agent.run.failed', 'heartbeat.run.completed', 'heartbeat.run.failed', 'heartbeat.run.skipped', 'heartbeat.paused',
];
const DELIVERIES_PER_PAGE = 10;

export function WebhooksPage() {
  const { client } = useSession();
  const webhooks = useLoad(() => client.webhooks.list(), []);
  return (
    <>
      <h1>Webhooks</h1>
      <CreateWebhook onCreated={webhooks.reload} />
      <Section title="Endpoints">
        <Show loaded={webhooks} what="endpoints" empty={(list) => list.length === 0} emptyText="No endpoints yet.">
          {(list) => (
            <ul className="list">
              {list.map((w) => (
                <Endpoint key={w.id} webhook={w} onChange={webhooks.reload} />
              ))}
            </ul>
          )}
        </Show>
      </Section>
    </>
  );
}

/** A time as a datetime-local input shows it: the browser's wall clock, to the minute. */
function localInputValue(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** A Standard Webhooks secret: whsec_ and 24 random bytes, base64. */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

function CreateWebhook({ onCreated }: { onCreated(): void }) {
  const { client } = useSession();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('https://');
  const [events, setEvents] = useState<WebhookEvent[]>(['memory.created']);
  const [secret, setSecret] = useState(newSecret);
  const create = useAction(async () => {
    await client.webhooks.create({ name, url, events, secret });
    setName('');
    setUrl('https://');
    setSecret(newSecret());
    onCreated();
  });
  const toggle = (event: WebhookEvent) => setEvents((list) => (list.includes(event) ? list.filter((e) => e !== event) : [...list, event]));
  return (
    <Section title="Add an endpoint">
      <Form label="Add a webhook endpoint" onSubmit={() => void create.run()}>
        <div className="row">
          <Field label="Name" name="name" error={create.error}>
            {(id, d) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} aria-describedby={d} />}
          </Field>
          <Field label="URL" name="url" error={create.error} hint="https only; private and local addresses are refused">
            {(id, d) => <input id={id} type="url" value={url} onChange={(e) => setUrl(e.target.value)} aria-describedby={d} />}
          </Field>
        </div>
        <Field label="Signing secret" name="secret" error={create.error} hint="Keep it: your endpoint checks signatures with it">
          {(id, d) => (
            <span className="secret">
              <input id={id} value={secret} onChange={(e) => setSecret(e.target.value)} aria-describedby={d} spellCheck={false} /> <CopyButton text={secret} />
            </span>
          )}
        </Field>
        <fieldset>
          <legend>Events</legend>
          <div className="days">
            {EVENTS.map((event) => (
              <label key={event} className="check">
                <input type="checkbox" checked={events.includes(event)} onChange={() => toggle(event)} /> {event}
              </label>
            ))}
          </div>
        </fieldset>
        <ErrorNote error={formError(create.error, ['name', 'url', 'secret', 'events'])} />
        <button type="submit" disabled={create.busy}>
          Add endpoint
        </button>
      </Form>
    </Section>
  );
}

function Endpoint({ webhook: w, onChange }: { webhook: Webhook; onChange(): void }) {
  const { client } = useSession();
  const [open, setOpen] = useState(false);
  const [tested, setTested] = useState<WebhookTestResult | null>(null);
  const [changed, setChanged] = useState(0);
  const act = useAction(async (what: 'test' | 'toggle' | 'delete') => {
    if (what === 'test') {
      setTested(await client.webhooks.test(w.id));
      setChanged((n) => n + 1);
      return;
    }
    if (what === 'delete') {
      if (!window.confirm(`Delete the endpoint ${w.name}?`)) return;
      await client.webhooks.delete(w.id);
    } else {
      await client.webhooks.update(w.id, { status: w.status === 'active' ? 'inactive' : 'active' });
    }
    onChange();
  });
  return (
    <li>
      <p>
        <strong>{w.name}</strong> <code>{w.url}</code>
      </p>
      <p className="muted">
        {w.status}
        {w.disabledReason && ` (${w.disabledReason})`} · {w.events.join(', ')}
      </p>
      <div className="actions">
        <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen(!open)} aria-label={`${open ? 'Hide deliveries' : 'Deliveries'} of ${w.name}`}>
          {open ? 'Hide deliveries' : 'Deliveries'}
        </button>
        <button type="button" className="secondary" disabled={act.busy} onClick={() => void act.run('test')} aria-label={`Send a test to ${w.name}`}>
          Send a test
        </button>
        <button type="button" className="secondary" disabled={act.busy} onClick={() => void act.run('toggle')} aria-label={`${w.status === 'active' ? 'Pause' : 'Activate'} ${w.name}`}>
          {w.status === 'active' ? 'Pause' : 'Activate'}
        </button>
        <button type="button" className="danger" disabled={act.busy} onClick={() => void act.run('delete')} aria-label={`Delete ${w.name}`}>
          Delete
        </button>
      </div>
      <ErrorNote error={act.error} />
      {tested && (
        <div className="notice" role="status">
          Test {tested.delivered ? 'delivered' : 'not delivered'}
          {tested.statusCode !== null && `: HTTP ${tested.statusCode}`} in {tested.latencyMs} ms{tested.error && ` (${tested.error})`}
        </div>
      )}
      {open && <Deliveries webhookId={w.id} changed={changed} />}
    </li>
  );
}

function Deliveries({ webhookId, changed }: { webhookId: string; changed: number }) {
  const { client } = useSession();
  const [page, setPage] = useState(1);
  const [reloads, setReloads] = useState(0);
  const deliveries = useLoad(() => client.webhooks.deliveries(webhookId, { page, limit: DELIVERIES_PER_PAGE }), [webhookId, page], changed + reloads);
  const [since, setSince] = useState(() => localInputValue(new Date(Date.now() - 86_400_000)));
  const [recovered, setRecovered] = useState<number | null>(null);
  const resend = useAction(async (deliveryId: string) => {
    await client.webhooks.resend(webhookId, deliveryId);
    setReloads((n) => n + 1);
  });
  const recover = useAction(async () => {
    const answer = await client.webhooks.recover(webhookId, { since: new Date(since).toISOString() });
    setRecovered(answer.recovered);
    setReloads((n) => n + 1);
  });
  return (
    <div className="deliveries">
      <Form label="Send failed deliveries again" className="inline-form" onSubmit={() => void recover.run()}>
        <Field label="Failed since" name="since" error={recover.error}>
          {(id, d) => <input id={id} type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} aria-describedby={d} />}
        </Field>
        <button type="submit" className="secondary" disabled={recover.busy}>
          Recover
        </button>
      </Form>
      <ErrorNote error={formError(recover.error, ['since'])} />
      {recovered !== null && (
        <p role="status" className="muted">
          {recovered} failed {recovered === 1 ? 'delivery' : 'deliveries'} queued again.
        </p>
      )}
      <ErrorNote error={resend.error} />
      <Show loaded={deliveries} what="deliveries" empty={(p) => p.data.length === 0} emptyText="No deliveries yet.">
        {(p) => (
          <>
            <ul className="list">
              {p.data.map((delivery) => (
                <DeliveryItem key={delivery.id} delivery={delivery} onResend={() => void resend.run(delivery.id)} busy={resend.busy} />
              ))}
            </ul>
            <Pager page={page} pages={Math.ceil(p.total / DELIVERIES_PER_PAGE)} onPage={setPage} />
          </>
        )}
      </Show>
    </div>
  );
}

function DeliveryItem({ delivery, onResend, busy }: { delivery: WebhookDelivery; onResend(): void; busy: boolean }) {
  return (
    <li className="delivery" data-testid="delivery">
      <p>
        <strong>{delivery.event}</strong> · {delivery.status} · created {when(delivery.createdAt)}
        {delivery.deliveredAt && ` · delivered ${when(delivery.deliveredAt)}`}
        {delivery.nextAttemptAt && ` · next attempt ${when(delivery.nextAttemptAt)}`}{' '}
        <button type="button" className="link" onClick={onResend} disabled={busy} aria-label={`Resend ${delivery.event} of ${when(delivery.createdAt)}`}>
          Resend
        </button>
      </p>
      <table className="attempts">
        <caption className="visually-hidden">Attempts</caption>
        <Head columns={['Attempt', 'When', 'Status', 'Latency', 'Answer or error']} />
        <tbody>
          {delivery.attempts.map((a, i) => (
            <tr key={a.attemptedAt + i}>
              <td>{i + 1}</td>
              <td>{when(a.attemptedAt)}</td>
              <td>{a.statusCode ?? '—'}</td>
              <td>{a.latencyMs} ms</td>
              <td className="clip">{a.error ?? a.responseExcerpt ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </li>
  );
}
