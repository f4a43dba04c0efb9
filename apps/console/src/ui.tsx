import { APIError, AuthenticationError, HeroBrainError } from '@hb/sdk';
import { useCallback, useContext, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { SessionContext } from './session';

/** A load's state: what it answered, or the error, and a way to load again. */
export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  reload(): void;
}

/**
 * The signed-in session ends on any 401: the key was revoked or the token expired while the tab
 * was open, and only signing in again helps.
 */
function useEndOnRefusal(): (error: unknown) => void {
  const session = useContext(SessionContext);
  return (error) => {
    if (error instanceof AuthenticationError) session?.signOut('Your key or token is no longer accepted: sign in again.');
  };
}

/**
 * Runs `load` now and whenever `deps` or `refresh` change; a late answer of a superseded load is
 * dropped. New `deps` (another agent, another page) clear what is shown, so nothing of the previous
 * inputs is shown or acted on meanwhile; a reload, or a new `refresh` (the same inputs after a
 * change), keeps it until the answer comes.
 */
export function useLoad<T>(load: () => PromiseLike<T>, deps: readonly unknown[], refresh: unknown = 0): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown }>({});
  const [generation, setGeneration] = useState(0);
  const current = useRef(0);
  const endOnRefusal = useEndOnRefusal();
  useEffect(() => setState({}), deps);
  useEffect(() => {
    const mine = ++current.current;
    Promise.resolve(load()).then(
      (data) => mine === current.current && setState({ data }),
      (error: unknown) => {
        if (mine !== current.current) return;
        endOnRefusal(error);
        setState({ error });
      },
    );
  }, [...deps, refresh, generation]);
  return { data: state.data, error: state.error, reload: useCallback(() => setGeneration((g) => g + 1), []) };
}

/**
 * A form action's state: runs `act`, keeps its error for the form to show (by field where the API
 * named one) and says when it is busy, so a button cannot send twice.
 */
export function useAction<A extends unknown[]>(act: (...args: A) => Promise<void>): { run(...args: A): Promise<void>; busy: boolean; error: unknown; clear(): void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const endOnRefusal = useEndOnRefusal();
  const run = async (...args: A) => {
    setBusy(true);
    setError(undefined);
    try {
      await act(...args);
    } catch (caught) {
      endOnRefusal(caught);
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, clear: () => setError(undefined) };
}

/** The API's own words for an error, the request id to quote beside them. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof APIError) {
    const first = error.errors[0];
    return (
      <div className="error" role="alert">
        <strong>{first?.message ?? `The API answered ${error.status}`}</strong>
        <span className="muted">
          {' '}
          {error.code}
          {error.field ? ` · field ${error.field}` : ''}
          {error.requestId ? ` · request ${error.requestId}` : ''}
        </span>
      </div>
    );
  }
  const message = error instanceof HeroBrainError || error instanceof Error ? error.message : String(error);
  return (
    <div className="error" role="alert">
      <strong>{message}</strong>
    </div>
  );
}

/** Whether the API's field (`memories[1].content`, `content`) is the form's `field`. */
function names(apiField: string | undefined, field: string): boolean {
  return apiField === field || Boolean(apiField?.endsWith(`.${field}`));
}

/** The error's message when the API named this field, for the field to show under itself. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof APIError)) return undefined;
  return error.errors.find((e) => names(e.field, field))?.message;
}

/** The error a form shows at its top: all of it, unless the API pinned every part on one of the form's fields. */
export function formError(error: unknown, fields: readonly string[]): unknown {
  if (error instanceof APIError && error.errors.length > 0 && error.errors.every((e) => fields.some((f) => names(e.field, f)))) return undefined;
  return error;
}

export function Field(props: { label: string; name: string; error?: unknown; hint?: string; children: (id: string, describedBy: string | undefined) => ReactNode }) {
  const id = useId();
  const message = fieldError(props.error, props.name);
  const describedBy = message ? `${id}-error` : props.hint ? `${id}-hint` : undefined;
  return (
    <div className={`field${message ? ' invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, describedBy)}
      {message ? (
        <p className="field-error" id={`${id}-error`}>
          {message}
        </p>
      ) : props.hint ? (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** A table's header row; an empty name is a column of actions, named for screen readers only. */
export function Head({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((name, i) => (
          <th scope="col" key={name || i}>
            {name || <span className="visually-hidden">Actions</span>}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** Shows a load's error, its loading state, an empty state, or its content. */
export function Show<T>(props: { loaded: Loaded<T>; what: string; empty?: (data: T) => boolean; emptyText?: ReactNode; children: (data: T) => ReactNode }) {
  const { loaded } = props;
  if (loaded.error) return <ErrorNote error={loaded.error} />;
  if (loaded.data === undefined) return <Loading what={props.what} />;
  if (props.empty?.(loaded.data)) return <Empty>{props.emptyText ?? `No ${props.what} yet.`}</Empty>;
  return <>{props.children(loaded.data)}</>;
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <button type="button" className="secondary" onClick={() => void copy().catch(() => setCopied(false))} aria-live="polite">
      {copied ? 'Copied' : label}
    </button>
  );
}

export function Section(props: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="card" aria-label={props.title}>
      <header className="card-header">
        <h2>{props.title}</h2>
        {props.actions}
      </header>
      {props.children}
    </section>
  );
}

/** A form that calls `onSubmit` without the page reloading. */
export function Form(props: { onSubmit: () => void; label: string; children: ReactNode; className?: string }) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <form onSubmit={submit} aria-label={props.label} className={props.className ?? 'form'} noValidate>
      {props.children}
    </form>
  );
}

export function Pager(props: { page: number; pages: number; onPage(page: number): void }) {
  if (props.pages <= 1) return null;
  return (
    <nav className="pager" aria-label="Pagination">
      <button type="button" className="secondary" disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
        Previous
      </button>
      <span>
        Page {props.page} of {props.pages}
      </span>
      <button type="button" className="secondary" disabled={props.page >= props.pages} onClick={() => props.onPage(props.page + 1)}>
        Next
      </button>
    </nav>
  );
}

export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** Splits "a, b , c" into tags. */
export function tagsOf(text: string): string[] {
  return text.split(',').map((t) => t.trim()).filter(Boolean);
}
