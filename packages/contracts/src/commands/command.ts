import type { ErrorDetail } from '../errors';
import type { ServiceName } from '../topics';
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
  /** Only reads, and cheaply: a caller may send a second copy (see defineQuery). */
  readonly safe?: boolean;
  /** Changes nothing: handling it twice does no harm (see defineRead and defineQuery). */
  readonly readOnly?: boolean;
  /** Phantom: never set, it only carries the reply's type. */
  readonly response?: Res;
}

export function defineCommand<Req extends object, Res>(
  type: string,
  request: Constructor<Req>,
): CommandDefinition<Req, Res> {
  return { type, request };
}

/**
 * A command that only reads and is cheap to answer: sending it twice does no harm, so a caller
 * may send a second copy to another partition when the first is slow to come back (its consumer
 * may have just died). Searches and anything that calls a model are not queries in this sense.
 */
export function defineQuery<Req extends object, Res>(type: string, request: Constructor<Req>): CommandDefinition<Req, Res> {
  return { type, request, safe: true, readOnly: true };
}

/**
 * A command that changes nothing but costs enough (a search) that a caller must not send it
 * twice: handled twice after a crash, it does no harm, so the server need not commit its offset
 * before taking the next one.
 */
export function defineRead<Req extends object, Res>(type: string, request: Constructor<Req>): CommandDefinition<Req, Res> {
  return { type, request, readOnly: true };
}

/** A command with the service that answers it, so a caller names the command alone. */
export type RoutedCommand<Req extends object, Res> = CommandDefinition<Req, Res> & { readonly service: ServiceName };

/** Marks each of one service's commands as answered by it (see RoutedCommand). */
export function answeredBy<S extends ServiceName, T extends Record<string, CommandDefinition<object, unknown>>>(
  service: S,
  commands: T,
): { readonly [K in keyof T]: T[K] & { readonly service: S } } {
  return Object.fromEntries(Object.entries(commands).map(([name, command]) => [name, { ...command, service }])) as {
    readonly [K in keyof T]: T[K] & { readonly service: S };
  };
}
