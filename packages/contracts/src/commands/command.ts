import type { ErrorDetail } from '../errors';
import type { Constructor } from '../validation';

/**
 * Request/reply over Kafka. The request travels on the target service's command topic with these
 * headers; the reply goes to the `reply-to` topic with the same correlation id.
 */
export const CommandHeaders = {
  CorrelationId: 'correlation-id',
  ReplyTo: 'reply-to',
  Deadline: 'deadline',
  Type: 'command-type',
} as const;

export interface CommandRequest<P = unknown> {
  type: string;
  tenantId?: string;
  payload: P;
}

export type CommandReply<R = unknown> = { ok: true; data: R } | { ok: false; error: ErrorDetail };

/**
 * A command's name, the class that validates its payload on arrival, and the reply's type, so
 * callers and handlers agree at compile time and the handler never sees an unchecked payload.
 */
export interface CommandDefinition<Req extends object, Res> {
  readonly type: string;
  readonly request: Constructor<Req>;
  /** Phantom: never set, it only carries the reply's type. */
  readonly response?: Res;
}

export function defineCommand<Req extends object, Res>(
  type: string,
  request: Constructor<Req>,
): CommandDefinition<Req, Res> {
  return { type, request };
}
