import type { Constructor } from '../validation';

/**
 * One kind of event: its type and the class its payload satisfies. A consumer handling it gets the
 * payload validated against the class, as a command's handler gets its request.
 */
export interface EventDefinition<P extends object> {
  readonly type: string;
  readonly payload: Constructor<P>;
}

export function defineEvent<P extends object>(type: string, payload: Constructor<P>): EventDefinition<P> {
  return { type, payload };
}
