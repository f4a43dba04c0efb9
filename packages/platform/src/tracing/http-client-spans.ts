import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { SpanKind, SpanStatusCode, context, propagation, trace, type Span } from '@opentelemetry/api';
import { endSpan, tracer } from './spans';

/** What undici (the HTTP client of Node's fetch, and the `undici` package) publishes of a request. */
interface UndiciRequest {
  origin: string;
  method: string;
  path: string;
  addHeader(name: string, value: string): unknown;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/**
 * A CLIENT span for each HTTP request a traced piece of work sends with fetch (a model's, an MCP
 * server's, the embedding provider's), after OpenTelemetry's HTTP client conventions, with the
 * trace context in the request's headers so the server can join the trace. Made from the
 * diagnostics channels undici publishes on; a request outside a traced request makes none. The
 * URL is kept without its query, which may carry a tenant's credentials.
 *
 * Made here rather than by @opentelemetry/instrumentation-undici, which listens on the same
 * channels: every instrumentation of that family installs, as it is constructed, a require hook
 * that stays for the life of the process and resolves each later require() again, and kafkajs
 * requires its protocol modules on every request it sends: in profiles of the services under load,
 * the hook was a third of what tracing cost them. Returns the function that stops it.
 */
export function traceHttpClients(): () => void {
  const spans = new WeakMap<UndiciRequest, Span>();
  const handlers: Record<string, (message: unknown) => void> = {
    'undici:request:create': (message) => {
      const { request } = message as { request: UndiciRequest };
      if (request.method === 'CONNECT' || !trace.getActiveSpan()?.isRecording()) return;
      const url = new URL(request.path, request.origin);
      const span = tracer.startSpan(request.method, {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': request.method,
          'url.full': `${url.origin}${url.pathname}`,
          'server.address': url.hostname,
          'server.port': Number(url.port) || DEFAULT_PORTS[url.protocol],
        },
      });
      const headers: Record<string, string> = {};
      propagation.inject(trace.setSpan(context.active(), span), headers);
      for (const [name, value] of Object.entries(headers)) request.addHeader(name, value);
      spans.set(request, span);
    },
    'undici:request:headers': (message) => {
      const { request, response } = message as { request: UndiciRequest; response: { statusCode: number } };
      const span = spans.get(request);
      if (!span) return;
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 400) {
        span.setAttribute('error.type', String(response.statusCode));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
    },
    'undici:request:trailers': (message) => {
      const { request } = message as { request: UndiciRequest };
      spans.get(request)?.end();
      spans.delete(request);
    },
    'undici:request:error': (message) => {
      const { request, error } = message as { request: UndiciRequest; error: unknown };
      const span = spans.get(request);
      if (!span) return;
      const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
      span.setAttribute('error.type', typeof code === 'string' ? code : typeof name === 'string' ? name : 'Error');
      endSpan(span, error);
      spans.delete(request);
    },
  };
  for (const [channel, handler] of Object.entries(handlers)) subscribe(channel, handler);
  return () => {
    for (const [channel, handler] of Object.entries(handlers)) unsubscribe(channel, handler);
  };
}
