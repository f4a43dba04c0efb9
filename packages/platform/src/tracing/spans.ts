import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type Attributes, type Context, type Span, type TextMapGetter } from '@opentelemetry/api';
import type { IncomingHttpHeaders } from 'node:http';
import type { IHeaders } from 'kafkajs';

/**
 * The platform's spans, through @opentelemetry/api alone: with no SDK started (tracing off) every
 * call here is a no-op. W3C trace context (traceparent, tracestate) travels in Kafka message
 * headers, so a trace follows a request from the gateway through the services it asks.
 */
export const tracer = trace.getTracer('heartbeat-platform');

const kafkaHeaders: TextMapGetter<IHeaders | undefined> = {
  keys: (carrier) => Object.keys(carrier ?? {}),
  get: (carrier, key) => {
    const value = carrier?.[key];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  },
};

/** The trace context of `span` (or of whatever is active), as headers for a message. */
export function traceHeaders(span?: Span): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(span ? trace.setSpan(context.active(), span) : context.active(), carrier);
  return carrier;
}

/**
 * The active trace context, to keep with a row that later work continues (an event in the outbox,
 * a webhook delivery); null when nothing is traced.
 */
export function storedTraceContext(): Record<string, string> | null {
  const headers = traceHeaders();
  return Object.keys(headers).length > 0 ? headers : null;
}

/**
 * Runs `work` in a span continuing a trace context kept with a row (storedTraceContext), or, kept
 * without one, as the root of a trace of its own.
 */
export function inSpanContinuing<T>(stored: Record<string, string> | null, name: string, options: { kind?: SpanKind; attributes?: Attributes }, work: (span: Span) => Promise<T>): Promise<T> {
  return inSpan(name, options, work, stored ? propagation.extract(ROOT_CONTEXT, stored) : ROOT_CONTEXT);
}

/** A message sent to `topic`, as a PRODUCER span the caller ends (a command: when its reply comes). */
export function startProducerSpan(name: string, topic: string, attributes: Attributes = {}): Span {
  return tracer.startSpan(name, {
    kind: SpanKind.PRODUCER,
    attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.operation.type': 'send', ...attributes },
  });
}

/** Ends a span as the work it covers went: an error is recorded on it. */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  }
  span.end();
}

/**
 * Runs `work` in a span of its own, active for what it calls, ended as the work went; the span's
 * parent is the active span, or the one `parent` holds.
 */
export async function inSpan<T>(name: string, options: { kind?: SpanKind; attributes?: Attributes }, work: (span: Span) => Promise<T>, parent: Context = context.active()): Promise<T> {
  return tracer.startActiveSpan(name, options, parent, async (span) => {
    try {
      const result = await work(span);
      span.end();
      return result;
    } catch (error) {
      endSpan(span, error);
      throw error;
    }
  });
}

/**
 * Handles a consumed message in a CONSUMER span whose parent is the trace context its headers
 * carry (the sender's span), so the handler's own spans (its queries, the commands it sends) join
 * the sender's trace.
 */
export async function consumeInSpan<T>(name: string, topic: string, headers: IHeaders | undefined, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return inSpan(
    name,
    {
      kind: SpanKind.CONSUMER,
      attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.operation.type': 'process', ...attributes },
    },
    () => work(),
    propagation.extract(ROOT_CONTEXT, headers, kafkaHeaders),
  );
}

const httpHeaders: TextMapGetter<IncomingHttpHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    return Array.isArray(value) ? value[0] : value;
  },
};

/**
 * An incoming HTTP request's SERVER span, the root of its trace; the caller ends it with
 * `endServerSpan` once the answer is sent. The port is public, so a caller's own traceparent is
 * recorded as a link, not taken as the parent: a client cannot put its requests into another's
 * trace, nor force them to be sampled. Made here rather than by the HTTP instrumentation, which
 * costs several times as much per request for attributes nobody reads.
 */
export function startServerSpan(method: string, path: string, headers: IncomingHttpHeaders): { span: Span; context: Context } {
  // Most callers send no trace context: nothing to extract then.
  const sent = propagation.fields().some((field) => headers[field] !== undefined);
  const remote = sent ? trace.getSpanContext(propagation.extract(ROOT_CONTEXT, headers, httpHeaders)) : undefined;
  const links = remote && trace.isSpanContextValid(remote) ? [{ context: remote }] : [];
  const span = tracer.startSpan(method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': path }, links }, ROOT_CONTEXT);
  return { span, context: trace.setSpan(ROOT_CONTEXT, span) };
}

export function endServerSpan(span: Span, method: string, route: string | undefined, status: number): void {
  if (route) {
    span.updateName(`${method} ${route}`);
    span.setAttribute('http.route', route);
  }
  span.setAttribute('http.response.status_code', status);
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/**
 * Runs `work` outside any trace: for a loop or timer a request merely wakes (the outbox relay, a
 * worker's poll), which must not carry that request's trace into every later pass.
 */
export function outsideTraces<T>(work: () => T): T {
  return context.with(ROOT_CONTEXT, work);
}

/** The active span's ids, for log lines (none when tracing is off or nothing is traced). */
export function activeTraceIds(): { trace_id: string; span_id: string } | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId, traceFlags } = span.spanContext();
  // A span that is not sampled is not exported: its ids would point at nothing.
  return traceFlags & 1 ? { trace_id: traceId, span_id: spanId } : undefined;
}
export { SpanKind, SpanStatusCode, context, type Span } from '@opentelemetry/api';
