/** Every error the client throws: an answer of the API, or a request that got no answer. */
export class HeroBrainError extends Error {
  override name = 'HeroBrainError';
}

/** One error of the API's answer, as both faces carry it. */
export interface ErrorDetail {
  code: string;
  message: string;
  field?: string;
}

/**
 * The API answered with an error status. `code`, `message` and `field` are the answer's first
 * error (the Memory face may carry several, all in `errors`); `requestId` is what to quote when
 * asking about it.
 */
export class APIError extends HeroBrainError {
  override name = 'APIError';
  readonly code: string;
  readonly field?: string;
  readonly errors: ErrorDetail[];

  constructor(
    readonly status: number,
    errors: ErrorDetail[],
    readonly requestId: string | undefined,
    readonly headers: Headers,
    readonly body: unknown,
  ) {
    const first = errors[0] ?? { code: `HTTP_${status}`, message: `The API answered ${status}` };
    super(`${status} ${first.code}: ${first.message}${first.field ? ` (field: ${first.field})` : ''}${requestId ? ` [${requestId}]` : ''}`);
    this.code = first.code;
    this.field = first.field;
    this.errors = errors;
  }
}

export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}
export class QuotaExceededError extends APIError {
  override name = 'QuotaExceededError';
}
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}
export class ConflictError extends APIError {
  override name = 'ConflictError';
}
export class PayloadTooLargeError extends APIError {
  override name = 'PayloadTooLargeError';
}
/** 429: `retryAfterMs` is how long the API asked to wait (from Retry-After), when it said. */
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
  get retryAfterMs(): number | undefined {
    return retryAfterMs(this.headers);
  }
}
export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}

/** No answer: the connection failed or was dropped. */
export class APIConnectionError extends HeroBrainError {
  override name = 'APIConnectionError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
/** No answer within the call's timeout. */
export class APITimeoutError extends APIConnectionError {
  override name = 'APITimeoutError';
}
/** The caller's AbortSignal ended the call. */
export class APIUserAbortError extends HeroBrainError {
  override name = 'APIUserAbortError';
}

const BY_STATUS: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  402: QuotaExceededError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  429: RateLimitError,
};

/** The error for an answer: both faces' shapes, `{errors: [...]}` and `{error: {...}}`, are read. */
export function errorOf(status: number, body: unknown, headers: Headers): APIError {
  const errors = errorsIn(body);
  const requestId = headers.get('x-request-id') ?? requestIdIn(body);
  const Type = BY_STATUS[status] ?? (status >= 500 ? InternalServerError : APIError);
  return new Type(status, errors, requestId, headers, body);
}

function errorsIn(body: unknown): ErrorDetail[] {
  if (!body || typeof body !== 'object') return [];
  const { errors, error } = body as { errors?: unknown; error?: unknown };
  const list = Array.isArray(errors) ? errors : error && typeof error === 'object' ? [error] : [];
  return list.filter((item): item is ErrorDetail => Boolean(item) && typeof item.code === 'string' && typeof item.message === 'string');
}

function requestIdIn(body: unknown): string | undefined {
  const id = (body as { metadata?: { request_id?: unknown } } | null)?.metadata?.request_id;
  return typeof id === 'string' ? id : undefined;
}

/** Retry-After as milliseconds: seconds, or an HTTP date. */
export function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
