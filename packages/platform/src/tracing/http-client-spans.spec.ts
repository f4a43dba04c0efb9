import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { fetch as undiciFetch } from 'undici';
import { traceHttpClients } from './http-client-spans';
import { tracer } from './spans';

describe(traceHttpClients.name, () => {
  const exporter = new InMemorySpanExporter();
  const received: IncomingHttpHeaders[] = [];
  let server: Server;
  let base: string;
  let stop: () => void;

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
    server = createServer((req, res) => {
      received.push(req.headers);
      res.writeHead(req.url?.startsWith('/missing') ? 404 : 200).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stop = traceHttpClients();
  });

  afterAll(async () => {
    stop();
    await new Promise((resolve) => server.close(resolve));
    trace.disable();
    propagation.disable();
    context.disable();
  });

  beforeEach(() => {
    exporter.reset();
    received.length = 0;
  });

  /** Sends `url` with `send` inside a span of its own; answers that span and the CLIENT spans under it. */
  async function within(send: (url: string) => Promise<unknown>, url: string) {
    const parent = await tracer.startActiveSpan('invoke_agent', async (span) => {
      await send(url).catch(() => undefined);
      span.end();
      return span;
    });
    const clients = exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.CLIENT);
    return { parent, clients };
  }

  const readBody = (fetcher: typeof fetch) => async (url: string) => (await fetcher(url, { method: 'POST', body: '{}' })).text();

  it.each([
    ['Node’s fetch', readBody(fetch)],
    ['undici’s fetch', readBody(undiciFetch as unknown as typeof fetch)],
  ])('makes a CLIENT span for a request sent with %s, and puts its context in the request', async (_, send) => {
    const { parent, clients } = await within(send, `${base}/v1/messages?key=secret`);
    expect(clients).toHaveLength(1);
    const [client] = clients;
    expect(client.name).toBe('POST');
    expect(client.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(client.attributes).toEqual({
      'http.request.method': 'POST',
      'url.full': `${base}/v1/messages`,
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(base).port),
      'http.response.status_code': 200,
    });
    expect(received[0].traceparent).toBe(`00-${client.spanContext().traceId}-${client.spanContext().spanId}-01`);
  });

  it('marks an answer of 4xx or 5xx as an error', async () => {
    const { clients } = await within(readBody(fetch), `${base}/missing`);
    expect(clients[0].status.code).toBe(SpanStatusCode.ERROR);
    expect(clients[0].attributes).toMatchObject({ 'http.response.status_code': 404, 'error.type': '404' });
  });

  it('records a request that fails to connect as an error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { clients } = await within(readBody(fetch), `http://127.0.0.1:${port}/unreachable`);
    expect(clients).toHaveLength(1);
    expect(clients[0].status.code).toBe(SpanStatusCode.ERROR);
    expect(clients[0].attributes['error.type']).toBe('ECONNREFUSED');
  });

  it('makes none, and sends no trace context, for a request outside any trace', async () => {
    await (await fetch(`${base}/health`)).text();
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(received[0].traceparent).toBeUndefined();
  });
});
