import type { Agent, ApiKey, CreatedApiKey, Message } from '@hb/sdk';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useSession } from '../session';
import { CopyButton, Empty, ErrorNote, Field, Form, Head, Section, Show, formError, useAction, useLoad, when, type Loaded } from '../ui';

export function AgentPage() {
  const { agentId = '' } = useParams();
  const { client } = useSession();
  const agent = useLoad(() => client.agents.get(agentId), [agentId]);
  return (
    <>
      <p>
        <Link to="/agents">← Agents</Link>
      </p>
      <Show loaded={agent} what="the agent">
        {(a) => (
          <>
            <h1>{a.name}</h1>
            <EditAgent key={a.id} agent={a} onSaved={agent.reload} />
            <Playground key={`play-${a.id}`} agent={a} />
            <AgentKeys key={`keys-${a.id}`} agentId={a.id} />
            <AgentMemories key={`memories-${a.id}`} agentId={a.id} />
          </>
        )}
      </Show>
    </>
  );
}

function EditAgent({ agent, onSaved }: { agent: Agent; onSaved(): void }) {
  const { client } = useSession();
  const navigate = useNavigate();
  const [draft, setDraft] = useState({
    name: agent.name,
    instructions: agent.instructions,
    model: agent.model ?? '',
    max_tokens: String(agent.max_tokens),
    tools_enabled: agent.tools_enabled,
    heartbeat: agent.heartbeat,
  });
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    setSaved(false);
    await client.agents.update(agent.id, {
      name: draft.name,
      instructions: draft.instructions,
      // Empty goes back to the deployment's default model.
      model: draft.model.trim() || null,
      max_tokens: Number(draft.max_tokens),
      tools_enabled: draft.tools_enabled,
      heartbeat: draft.heartbeat,
    });
    setSaved(true);
    onSaved();
  });
  const remove = useAction(async () => {
    if (!window.confirm(`Delete ${agent.name}, its keys, conversations and heartbeats?`)) return;
    await client.agents.delete(agent.id);
    navigate('/agents');
  });
  const set = (field: keyof typeof draft) => (value: string | boolean) => setDraft((d) => ({ ...d, [field]: value }));
  return (
    <Section title="Settings" actions={<button type="button" className="danger" onClick={() => void remove.run()}>Delete agent</button>}>
      <Form label="Agent settings" onSubmit={() => void save.run()}>
        <Field label="Name" name="name" error={save.error}>
          {(id, d) => <input id={id} value={draft.name} onChange={(e) => set('name')(e.target.value)} aria-describedby={d} />}
        </Field>
        <Field label="Instructions" name="instructions" error={save.error}>
          {(id, d) => <textarea id={id} rows={5} value={draft.instructions} onChange={(e) => set('instructions')(e.target.value)} aria-describedby={d} />}
        </Field>
        <div className="row">
          <Field label="Model" name="model" error={save.error} hint="Empty: the deployment's default model.">
            {(id, d) => <input id={id} value={draft.model} placeholder="default" onChange={(e) => set('model')(e.target.value)} aria-describedby={d} />}
          </Field>
          <Field label="Max tokens" name="max_tokens" error={save.error}>
            {(id, d) => <input id={id} inputMode="numeric" value={draft.max_tokens} onChange={(e) => set('max_tokens')(e.target.value)} aria-describedby={d} />}
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" checked={draft.tools_enabled} onChange={(e) => set('tools_enabled')(e.target.checked)} /> Tools (memory, skills, MCP servers)
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.heartbeat} onChange={(e) => set('heartbeat')(e.target.checked)} /> Heartbeats allowed
        </label>
        <ErrorNote error={formError(save.error, ['name', 'instructions', 'model', 'max_tokens'])} />
        <ErrorNote error={remove.error} />
        <div className="actions">
          <button type="submit" disabled={save.busy}>
            Save
          </button>
          {saved && <span role="status">Saved.</span>}
        </div>
      </Form>
    </Section>
  );
}

/** Invokes the agent with the answer streaming in, inside one conversation and its history. */
function Playground({ agent }: { agent: Agent }) {
  const { client } = useSession();
  const [conversationId, setConversationId] = useState<string | undefined>();
  const [history, setHistory] = useState<Message[]>([]);
  const [message, setMessage] = useState('');
  const [streaming, setStreaming] = useState<{ prompt: string; text: string; tools: string[] } | null>(null);
  const [turns, setTurns] = useState(0);
  const conversations = useLoad(() => client.agents.conversations(agent.id, { limit: 20 }), [agent.id], turns);

  const loadHistory = async (conversation: string) => {
    const page = await client.agents.messages(agent.id, conversation, { limit: 50 });
    setHistory([...page.data].reverse());
  };
  const pick = useAction(async (conversation: string) => {
    setConversationId(conversation || undefined);
    if (conversation) await loadHistory(conversation);
    else setHistory([]);
  });
  const send = useAction(async () => {
    const prompt = message.trim();
    if (!prompt) return;
    setMessage('');
    setStreaming({ prompt, text: '', tools: [] });
    let conversation = conversationId;
    try {
      for await (const event of client.agents.stream(agent.id, { message: prompt, conversation_id: conversationId })) {
        if (event.event === 'run') conversation = event.data.conversation_id;
        if (event.event === 'delta') setStreaming((s) => s && { ...s, text: s.text + event.data.text });
        if (event.event === 'tool') setStreaming((s) => s && { ...s, tools: [...s.tools, event.data.name] });
        if (event.event === 'done' && event.data.status !== 'completed') {
          throw new Error(`The run ended ${event.data.status}${event.data.error ? `: ${event.data.error.message}` : ''}`);
        }
      }
    } finally {
      if (conversation) {
        setConversationId(conversation);
        await loadHistory(conversation).catch(() => undefined);
      }
      setStreaming(null);
      setTurns((n) => n + 1);
    }
  });

  return (
    <Section
      title="Playground"
      actions={
        <label>
          Conversation{' '}
          <select value={conversationId ?? ''} onChange={(e) => void pick.run(e.target.value)} disabled={streaming !== null} aria-label="Conversation to continue">
            <option value="">New conversation</option>
            {/* The one going on is listed even before the list is read again. */}
            {conversationId && !conversations.data?.data.some((c) => c.id === conversationId) && <option value={conversationId}>{conversationId}</option>}
            {conversations.data?.data.map((c) => (
              <option key={c.id} value={c.id}>
                {when(c.updated_at)} · {c.messages} messages
              </option>
            ))}
          </select>
        </label>
      }
    >
      <ErrorNote error={pick.error} />
      <div className="transcript" aria-live="polite" aria-busy={streaming !== null} aria-label="Conversation">
        {history.length === 0 && !streaming && <Empty>Say something to {agent.name}.</Empty>}
        {history.map((m) => (
          <div key={m.id} className={`bubble ${m.role}`}>
            <span className="who">{m.role === 'user' ? 'You' : agent.name}</span>
            {m.tool_calls.length > 0 && <span className="muted"> used {m.tool_calls.map((t) => t.name).join(', ')}</span>}
            <p>{m.content}</p>
          </div>
        ))}
        {streaming && (
          <>
            <div className="bubble user">
              <span className="who">You</span>
              <p>{streaming.prompt}</p>
            </div>
            <div className="bubble assistant streaming" data-testid="streaming-answer">
              <span className="who">{agent.name}</span>
              {streaming.tools.length > 0 && <span className="muted"> using {streaming.tools.join(', ')}</span>}
              <p>{streaming.text || '…'}</p>
            </div>
          </>
        )}
      </div>
      {conversationId && <p className="muted">Conversation {conversationId}</p>}
      <Form label="Message the agent" className="composer" onSubmit={() => void send.run()}>
        <Field label="Message" name="message" error={send.error}>
          {(id, d) => <textarea id={id} rows={2} value={message} onChange={(e) => setMessage(e.target.value)} aria-describedby={d} />}
        </Field>
        <button type="submit" disabled={send.busy || message.trim() === ''}>
          {send.busy ? 'Answering…' : 'Send'}
        </button>
      </Form>
      <ErrorNote error={formError(send.error, ['message'])} />
    </Section>
  );
}

function AgentKeys({ agentId }: { agentId: string }) {
  const { client } = useSession();
  const keys = useLoad(() => client.agents.keys.list(agentId), [agentId]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const create = useAction(async () => {
    setCreated(await client.agents.keys.create(agentId, { name }));
    setName('');
    keys.reload();
  });
  const revoke = useAction(async (keyId: string) => {
    if (!window.confirm('Revoke this key? Clients using it stop working at once.')) return;
    await client.agents.keys.revoke(agentId, keyId);
    keys.reload();
  });
  return (
    <Section title="Agent API keys">
      <Form label="Create an agent key" className="inline-form" onSubmit={() => void create.run()}>
        <Field label="Key name" name="name" error={create.error}>
          {(id, d) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} aria-describedby={d} />}
        </Field>
        <button type="submit" disabled={create.busy}>
          Create key
        </button>
      </Form>
      <ErrorNote error={formError(create.error, ['name'])} />
      {created && <NewKey created={created} onDone={() => setCreated(null)} />}
      <ErrorNote error={revoke.error} />
      <KeyTable loaded={keys} onRevoke={(id) => void revoke.run(id)} />
    </Section>
  );
}

/** A new key's plain value, shown this once. */
export function NewKey({ created, onDone }: { created: CreatedApiKey; onDone(): void }) {
  return (
    <div className="notice" role="status">
      <p>
        <strong>{created.name}</strong>: copy the key now. It is not shown again.
      </p>
      <p className="secret">
        <code data-testid="new-key">{created.plainKey}</code> <CopyButton text={created.plainKey} />
      </p>
      <button type="button" className="secondary" onClick={onDone}>
        Done
      </button>
    </div>
  );
}

export function KeyTable({ loaded, onRevoke }: { loaded: Loaded<ApiKey[]>; onRevoke(keyId: string): void }) {
  return (
    <Show loaded={loaded} what="keys" empty={(list) => list.length === 0}>
      {(list) => (
        <div className="table-wrap">
          <table>
            <Head columns={['Name', 'Prefix', 'Status', 'Limits (min / hour / day)', 'Last used', '']} />
            <tbody>
              {list.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.keyPrefix}…</code>
                  </td>
                  <td>{key.status}</td>
                  <td>
                    {key.rateLimit.requestsPerMinute} / {key.rateLimit.requestsPerHour} / {key.rateLimit.requestsPerDay}
                  </td>
                  <td>{when(key.lastUsedAt)}</td>
                  <td>
                    {key.status === 'active' && (
                      <button type="button" className="danger" onClick={() => onRevoke(key.id)} aria-label={`Revoke ${key.name}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Show>
  );
}

function AgentMemories({ agentId }: { agentId: string }) {
  const { client } = useSession();
  const [query, setQuery] = useState('');
  const [applied, setApplied] = useState('');
  const memories = useLoad(() => client.agents.memory(agentId, { query: applied || undefined, limit: 50 }), [agentId, applied]);
  const forget = useAction(async (memoryId: string) => {
    await client.agents.forget(agentId, memoryId);
    memories.reload();
  });
  return (
    <Section title="What the agent remembers">
      <Form label="Search the agent's memories" className="inline-form" onSubmit={() => setApplied(query.trim())}>
        <Field label="Search" name="query">
          {(id) => <input id={id} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />}
        </Field>
        <button type="submit" className="secondary">
          Search
        </button>
      </Form>
      <ErrorNote error={forget.error} />
      <Show loaded={memories} what="memories" empty={(p) => p.data.length === 0} emptyText="Nothing remembered yet.">
        {(p) => (
          <ul className="list">
            {p.data.map((m) => (
              <li key={m.id}>
                <p>{m.content}</p>
                <p className="muted">
                  {m.type} · confidence {m.confidence.toFixed(2)} · {when(m.created_at)}{' '}
                  <button type="button" className="link danger" onClick={() => void forget.run(m.id)} aria-label={`Forget: ${m.content.slice(0, 40)}`}>
                    Forget
                  </button>
                </p>
              </li>
            ))}
          </ul>
        )}
      </Show>
    </Section>
  );
}
