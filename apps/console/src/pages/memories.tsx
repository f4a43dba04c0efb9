import type { Memory, MemorySearchResponse } from '@hb/sdk';
import { useEffect, useState } from 'react';
import { useSession } from '../session';
import { ErrorNote, Field, Form, Pager, Section, Show, formError, tagsOf, useAction, useLoad, when } from '../ui';

type MemoryType = Memory['type'];
const TYPES: MemoryType[] = ['semantic', 'episodic', 'procedural', 'working', 'prospective', 'emotional', 'contextual', 'identity', 'relational', 'event', 'predictive', 'task', 'decision'];
const PAGE_SIZE = 20;

export function MemoriesPage() {
  const [changed, setChanged] = useState(0);
  const refresh = () => setChanged((n) => n + 1);
  return (
    <>
      <h1>Memory</h1>
      <SearchMemories changed={changed} onChange={refresh} />
      <CreateMemory onCreated={refresh} />
      <BrowseMemories changed={changed} onChange={refresh} />
    </>
  );
}

function TypeSelect(props: { id: string; value: string; onChange(value: string): void; any?: boolean; describedBy?: string }) {
  return (
    <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)} aria-describedby={props.describedBy}>
      {props.any && <option value="">any type</option>}
      {TYPES.map((t) => (
        <option key={t} value={t}>
          {t}
        </option>
      ))}
    </select>
  );
}

function SearchMemories({ changed, onChange }: { changed: number; onChange(): void }) {
  const { client } = useSession();
  const [query, setQuery] = useState('');
  const [type, setType] = useState('');
  const [tags, setTags] = useState('');
  const [minRelevance, setMinRelevance] = useState('0');
  const [answer, setAnswer] = useState<MemorySearchResponse | null>(null);
  const search = useAction(async () => {
    setAnswer(
      await client.memories.search({
        query,
        limit: 10,
        type: (type || undefined) as MemoryType | undefined,
        tags: tags ? tagsOf(tags) : undefined,
        minRelevance: Number(minRelevance),
      }),
    );
  });
  return (
    <Section title="Search">
      <Form label="Search memories" onSubmit={() => void search.run()}>
        <Field label="Query" name="query" error={search.error}>
          {(id, d) => <input id={id} type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-describedby={d} placeholder="What does the user prefer?" />}
        </Field>
        <div className="row">
          <Field label="Type" name="type" error={search.error}>
            {(id, d) => <TypeSelect id={id} value={type} onChange={setType} any describedBy={d} />}
          </Field>
          <Field label="Tags (all of)" name="tags" error={search.error} hint="Comma-separated">
            {(id, d) => <input id={id} value={tags} onChange={(e) => setTags(e.target.value)} aria-describedby={d} />}
          </Field>
          <Field label="Least relevance" name="minRelevance" error={search.error} hint="0 to 1">
            {(id, d) => <input id={id} inputMode="decimal" value={minRelevance} onChange={(e) => setMinRelevance(e.target.value)} aria-describedby={d} />}
          </Field>
        </div>
        <ErrorNote error={formError(search.error, ['query', 'type', 'tags', 'minRelevance'])} />
        <button type="submit" disabled={search.busy}>
          Search
        </button>
      </Form>
      {answer && (
        <div aria-live="polite">
          <p className="muted">
            {answer.results.length} result{answer.results.length === 1 ? '' : 's'} in {answer.latency} ms
          </p>
          <ul className="list" aria-label="Search results">
            {answer.results.map((hit) => (
              <li key={`${changed}-${hit.id}`}>
                <div className="relevance" aria-hidden="true">
                  <span style={{ width: `${Math.round(hit.relevance * 100)}%` }} />
                </div>
                <MemoryItem memory={hit} relevance={hit.relevance} onChange={() => { onChange(); void search.run(); }} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}

function CreateMemory({ onCreated }: { onCreated(): void }) {
  const { client } = useSession();
  const [content, setContent] = useState('');
  const [type, setType] = useState<string>('semantic');
  const [tags, setTags] = useState('');
  const [importance, setImportance] = useState('0.5');
  const create = useAction(async () => {
    await client.memories.create({ tenantId: client.tenantId!, content, type: type as MemoryType, tags: tagsOf(tags), importance: Number(importance) });
    setContent('');
    setTags('');
    onCreated();
  });
  return (
    <Section title="Remember something">
      <Form label="Create a memory" onSubmit={() => void create.run()}>
        <Field label="Content" name="content" error={create.error}>
          {(id, d) => <textarea id={id} rows={2} value={content} onChange={(e) => setContent(e.target.value)} aria-describedby={d} />}
        </Field>
        <div className="row">
          <Field label="Type" name="type" error={create.error}>
            {(id, d) => <TypeSelect id={id} value={type} onChange={setType} describedBy={d} />}
          </Field>
          <Field label="Tags" name="tags" error={create.error} hint="Comma-separated">
            {(id, d) => <input id={id} value={tags} onChange={(e) => setTags(e.target.value)} aria-describedby={d} />}
          </Field>
          <Field label="Importance" name="importance" error={create.error} hint="0 to 1">
            {(id, d) => <input id={id} inputMode="decimal" value={importance} onChange={(e) => setImportance(e.target.value)} aria-describedby={d} />}
          </Field>
        </div>
        <ErrorNote error={formError(create.error, ['content', 'type', 'tags', 'importance'])} />
        <button type="submit" disabled={create.busy}>
          Create memory
        </button>
      </Form>
    </Section>
  );
}

function BrowseMemories({ changed, onChange }: { changed: number; onChange(): void }) {
  const { client } = useSession();
  const [page, setPage] = useState(1);
  const [type, setType] = useState('');
  const [tags, setTags] = useState('');
  const memories = useLoad(
    () => client.memories.list({ page, limit: PAGE_SIZE, type: (type || undefined) as MemoryType | undefined, tags: tagsOf(tags).join(',') || undefined }),
    [page, type, tags],
    changed,
  );
  // The last memory of the last page deleted: the page before is the last now.
  useEffect(() => {
    if (page > 1 && memories.data?.memories.length === 0) setPage(memories.data.pagination.pages || 1);
  }, [memories.data]);
  return (
    <Section title="All memories">
      <div className="row">
        <Field label="Type" name="filter-type">
          {(id) => <TypeSelect id={id} value={type} onChange={(v) => { setType(v); setPage(1); }} any />}
        </Field>
        <Field label="Tags (all of)" name="filter-tags">
          {(id) => <input id={id} value={tags} onChange={(e) => { setTags(e.target.value); setPage(1); }} />}
        </Field>
      </div>
      <Show loaded={memories} what="memories" empty={(p) => p.memories.length === 0} emptyText="No memories match.">
        {(p) => (
          <>
            <p className="muted">{p.pagination.total} memories</p>
            <ul className="list">
              {p.memories.map((m) => (
                <li key={`${changed}-${m.id}`}>
                  <MemoryItem memory={m} onChange={onChange} />
                </li>
              ))}
            </ul>
            <Pager page={p.pagination.page} pages={p.pagination.pages} onPage={setPage} />
          </>
        )}
      </Show>
    </Section>
  );
}

type MemoryLike = Pick<Memory, 'id' | 'content' | 'type' | 'tags' | 'importance' | 'createdAt' | 'agentId'>;

/** One memory, with its edit and delete. */
function MemoryItem({ memory, relevance, onChange }: { memory: MemoryLike; relevance?: number; onChange(): void }) {
  const { client } = useSession();
  const [editing, setEditing] = useState(false);
  const [content, setContent] = useState(memory.content);
  const [tags, setTags] = useState(memory.tags.join(', '));
  const [importance, setImportance] = useState(String(memory.importance));
  const save = useAction(async () => {
    await client.memories.update(memory.id, { content, tags: tagsOf(tags), importance: Number(importance) });
    setEditing(false);
    onChange();
  });
  const remove = useAction(async () => {
    if (!window.confirm('Delete this memory for good?')) return;
    await client.memories.delete(memory.id);
    onChange();
  });
  if (editing) {
    return (
      <Form label="Edit the memory" onSubmit={() => void save.run()}>
        <Field label="Content" name="content" error={save.error}>
          {(id, d) => <textarea id={id} rows={2} value={content} onChange={(e) => setContent(e.target.value)} aria-describedby={d} />}
        </Field>
        <div className="row">
          <Field label="Tags" name="tags" error={save.error}>
            {(id, d) => <input id={id} value={tags} onChange={(e) => setTags(e.target.value)} aria-describedby={d} />}
          </Field>
          <Field label="Importance" name="importance" error={save.error}>
            {(id, d) => <input id={id} inputMode="decimal" value={importance} onChange={(e) => setImportance(e.target.value)} aria-describedby={d} />}
          </Field>
        </div>
        <ErrorNote error={formError(save.error, ['content', 'tags', 'importance'])} />
        <div className="actions">
          <button type="submit" disabled={save.busy}>
            Save
          </button>
          <button type="button" className="secondary" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
      </Form>
    );
  }
  return (
    <>
      <p>{memory.content}</p>
      <p className="muted">
        {relevance !== undefined && <strong>relevance {relevance.toFixed(2)} · </strong>}
        {memory.type} · importance {memory.importance} {memory.tags.length > 0 && `· ${memory.tags.map((t) => `#${t}`).join(' ')}`}
        {memory.agentId && ` · agent ${memory.agentId}`} · {when(memory.createdAt)}{' '}
        <button type="button" className="link" onClick={() => setEditing(true)} aria-label={`Edit: ${memory.content.slice(0, 60)}`}>
          Edit
        </button>{' '}
        <button type="button" className="link danger" onClick={() => void remove.run()} aria-label={`Delete: ${memory.content.slice(0, 60)}`}>
          Delete
        </button>
      </p>
      <ErrorNote error={remove.error} />
    </>
  );
}
