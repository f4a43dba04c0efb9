import { APIConnectionError, APITimeoutError, APIUserAbortError, RateLimitError, errorOf, retryAfterMs, type APIError } from './errors.js';

export const VERSION = '0.1.0';

export interface ClientOptions {
  /** A tenant key (hb_prod_…, hb_dev_…), an agent key (hb_agent_…) or the admin key. Default: HEROBRAIN_API_KEY. */
  apiKey?: string;
  /** The tenant calls act for: the Memory API's tenantId, the Heartbeat API's project_id. Default: HEROBRAIN_TENANT_ID. */
  tenantId?: string;
  /** The gateway. Default: HEROBRAIN_BASE_URL, else http://127.0.0.1:3000. */
  baseUrl?: string;
  /** Per attempt, in milliseconds. Default 60 s. */
  timeoutMs?: number;
  /** Retries after a 429, or after a 502, 503, 504 or a dropped connection when the request is safe to repeat. Default 2. */
  maxRetries?: number;
  /** Another fetch (a proxy's, a test's). Default: the global one. */
  fetch?: typeof fetch;
  /** Sent with every request. */
  headers?: Record<string, string>;
}

/** What every call also takes. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  /**
   * For a memory create or an invoke (the routes that honour it): a repeat with the same key
   * answers what the first stored, so the call is safe to retry. Other routes ignore it.
   */
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface Call {
  method: Method;
  path: string;
  query?: object;
  body?: unknown;
  options?: RequestOptions;
  /** The route honours Idempotency-Key: with one, the call may be repeated after a 503, a 504 or a dropped connection. */
  idempotent?: boolean;
}

const SAFE_METHODS = new Set<Method>(['GET', 'DELETE']);
const MAX_BACKOFF_MS = 8_000;
/** A Retry-After longer than this (a quota's reset) is the caller's to wait for, not the client's. */
const MAX_RETRY_AFTER_MS = 60_000;

function env(name: string): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
}

/** One HTTP exchange with the gateway, retried where that is safe, and its answer or typed error. */
export class Transport {
  readonly apiKey: string;
  readonly tenantId?: string;
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly fetch: typeof fetch;
  private readonly headers: Record<string, string>;

  constructor(options: ClientOptions = {}) {
    const apiKey = options.apiKey ?? env('HEROBRAIN_API_KEY');
    if (!apiKey) throw new Error('An API key is needed: pass apiKey, or set HEROBRAIN_API_KEY');
    this.apiKey = apiKey;
    this.tenantId = options.tenantId ?? env('HEROBRAIN_TENANT_ID');
    this.baseUrl = (options.baseUrl ?? env('HEROBRAIN_BASE_URL') ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.maxRetries = options.maxRetries ?? 2;
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.headers = options.headers ?? {};
  }

  /** The answer's JSON body, or undefined for an empty one (204). */
  async json<T>(call: Call): Promise<T> {
    const { text } = await this.send(call, false);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * The answer with its body unread, for a stream: the caller's signal still ends it, the timeout
   * does not (it bounds the wait for the answer's headers). Its status is a success: errors are
   * thrown. `release` unlinks the caller's signal once the stream is done with.
   */
  async stream(call: Call): Promise<{ response: Response; release: () => void }> {
    const { response, release } = await this.send(call, true);
    return { response, release: release ?? (() => undefined) };
  }

  private async send(call: Call, stream: boolean): Promise<{ response: Response; text?: string; release?: () => void }> {
    const { options = {} } = call;
    const maxRetries = options.maxRetries ?? this.maxRetries;
    const repeatable = SAFE_METHODS.has(call.method) || (call.idempotent === true && Boolean(options.idempotencyKey));
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(call, stream);
      if (!(outcome instanceof Error)) return outcome;
      const wait = attempt < maxRetries ? this.retryDelay(outcome, attempt, repeatable) : undefined;
      if (wait === undefined) throw outcome;
      await sleep(wait, options.signal);
    }
  }

  private async attempt(call: Call, stream: boolean): Promise<{ response: Response; text?: string; release?: () => void } | Error> {
    const { options = {} } = call;
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const signal = linkedSignal(options.signal, timeoutMs);
    let streaming = false;
    try {
      const response = await this.fetch(this.url(call), {
        method: call.method,
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${this.apiKey}`,
          ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {}),
          ...this.headers,
          ...options.headers,
        },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: signal.signal,
      });
      if (response.ok && stream) {
        streaming = true;
        return { response, release: () => signal.release(false) };
      }
      const text = await response.text();
      return response.ok ? { response, text } : errorOf(response.status, parse(text), response.headers);
    } catch (error) {
      if (options.signal?.aborted) return new APIUserAbortError('The call was aborted', { cause: error });
      if (signal.timedOut()) return new APITimeoutError(`No answer within ${timeoutMs} ms`, { cause: error });
      return new APIConnectionError(`Could not reach ${this.baseUrl}: ${(error as Error).message}`, { cause: error });
    } finally {
      signal.release(streaming);
    }
  }

  /** How long to wait before the next attempt, or undefined when this error is final. */
  private retryDelay(error: Error, attempt: number, repeatable: boolean): number | undefined {
    const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
    if (error instanceof RateLimitError) {
      const asked = error.retryAfterMs;
      if (asked === undefined) return backoff;
      return asked <= MAX_RETRY_AFTER_MS ? asked : undefined;
    }
    if (!repeatable) return undefined;
    const status = (error as APIError).status;
    if (status === 502 || status === 503 || status === 504) {
      const asked = retryAfterMs((error as APIError).headers);
      if (asked === undefined) return backoff;
      return asked <= MAX_RETRY_AFTER_MS ? asked : undefined;
    }
    if (error instanceof APIConnectionError) return backoff;
    return undefined;
  }

  private url(call: Call): string {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value === undefined || value === null) continue;
      // A list is one comma-separated value (tags=a,b), as the gateway reads it.
      search.append(name, Array.isArray(value) ? value.join(',') : String(value));
    }
    const query = search.toString();
    return `${this.baseUrl}${call.path}${query ? `?${query}` : ''}`;
  }
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/** The caller's signal joined to a timeout (AbortSignal.any is not in Node 18). */
function linkedSignal(
  outer: AbortSignal | undefined,
  timeoutMs: number,
): { signal: AbortSignal; timedOut: () => boolean; release: (keepOuter: boolean) => void } {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new APITimeoutError(`No answer within ${timeoutMs} ms`));
  }, timeoutMs);
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    release: (keepOuter) => {
      clearTimeout(timer);
      if (!keepOuter) outer?.removeEventListener('abort', onAbort);
    },
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new APIUserAbortError('The call was aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError('The call was aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A key for a create that the client may retry: random, so two creates are never taken for one. */
export function newIdempotencyKey(): string {
  const random = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto?.randomUUID?.();
  return `sdk_${random ?? `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`}`;
}
