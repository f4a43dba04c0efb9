import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { consumeInSpan, endServerSpan, startProducerSpan, startServerSpan, traceHeaders, tracer } from './spans';

describe('spans', () => {
  const exporter = new InMemorySpanExporter();

  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
  });

  afterAll(() => {
    trace.disable();
    propagation.disable();
    context.disable();
  });

  beforeEach(() => exporter.reset());

  const finished = (name: string) => exporter.getFinishedSpans().find((span) => span.name === name)!;

  describe(startServerSpan.name, () => {
    it('records a caller’s traceparent as a link, never as the parent', () => {
      const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
      const { span } = startServerSpan('GET', '/api/v1/memories/mem_1', { traceparent: `00-${callerTrace}-00f067aa0ba902b7-01` });
      endServerSpan(span, 'GET', '/api/v1/memories/:id', 200);

      const server = finished('GET /api/v1/memories/:id');
      expect(server.parentSpanContext).toBeUndefined();
      expect(server.spanContext().traceId).not.toBe(callerTrace);
      expect(server.links.map((link) => link.context)).toEqual([expect.objectContaining({ traceId: callerTrace, spanId: '00f067aa0ba902b7', isRemote: true })]);
      expect(server.attributes).toMatchObject({ 'http.request.method': 'GET', 'http.route': '/api/v1/memories/:id', 'http.response.status_code': 200 });
    });

    it('starts a trace of its own, with no link, for a request without trace context', () => {
      const { span } = startServerSpan('GET', '/api/v1/memories/mem_1', { authorization: 'Bearer k' });
      endServerSpan(span, 'GET', undefined, 404);

      const server = finished('GET');
      expect(server.parentSpanContext).toBeUndefined();
      expect(server.links).toEqual([]);
      expect(server.attributes).toMatchObject({ 'url.path': '/api/v1/memories/mem_1', 'http.response.status_code': 404 });
    });
  });

  describe(consumeInSpan.name, () => {
    it('handles a message in a CONSUMER span under the sender’s span, active for the handler’s own spans', async () => {
      const producer = startProducerSpan('send memory.get', 'memory.commands.v1');
      // What a consumer gets: the sender's headers, as Kafka's Buffers.
      const headers = Object.fromEntries(Object.entries(traceHeaders(producer)).map(([name, value]) => [name, Buffer.from(value)]));
      producer.end();

      const answer = await consumeInSpan('process memory.get', 'memory.commands.v1', headers, { 'messaging.message.conversation_id': 'c1' }, async () => {
        tracer.startSpan('SELECT hb.memory', { kind: SpanKind.CLIENT }).end();
        return 'answered';
      });

      expect(answer).toBe('answered');
      const consumer = finished('process memory.get');
      expect(consumer.kind).toBe(SpanKind.CONSUMER);
      expect(consumer.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
      expect(consumer.spanContext().traceId).toBe(producer.spanContext().traceId);
      expect(consumer.attributes).toMatchObject({ 'messaging.system': 'kafka', 'messaging.destination.name': 'memory.commands.v1', 'messaging.operation.type': 'process', 'messaging.message.conversation_id': 'c1' });
      expect(finished('SELECT hb.memory').parentSpanContext?.spanId).toBe(consumer.spanContext().spanId);
      // The handler's context does not outlive it.
      expect(trace.getActiveSpan()).toBeUndefined();
    });

    it('starts a trace of its own for a message without trace context, and ends its span on a failure', async () => {
      await expect(consumeInSpan('process memory.get', 'memory.commands.v1', {}, {}, () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');

      const consumer = finished('process memory.get');
      expect(consumer.parentSpanContext).toBeUndefined();
      expect(consumer.status).toMatchObject({ code: 2, message: 'refused' });
    });
  });
});
