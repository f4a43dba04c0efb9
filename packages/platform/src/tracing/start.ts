import type { NodeSDK } from '@opentelemetry/sdk-node';
import { tracingEnv, type TracingEnv } from '../config/tracing-env';
import { traceHttpClients } from './http-client-spans';

let sdk: NodeSDK | undefined;
let stopHttpClientSpans: (() => void) | undefined;

/**
 * Starts OpenTelemetry's Node SDK for this service, exporting traces over OTLP. The spans are the
 * platform's own: the gateway's requests (startServerSpan), Kafka's messages, the SQL statements
 * (QuerySpans), the HTTP requests sent with fetch (traceHttpClients) and the GenAI spans; no
 * instrumentation patches a module. It runs first, in each service's `instrument.ts`, the first
 * import of its main, so that the platform module knows while it is built whether to add the
 * statement spans. Without an endpoint it loads nothing and costs nothing: every span the code
 * starts is then a no-op of @opentelemetry/api.
 */
export function startTracing(service: string, settings: TracingEnv = tracingEnv()): boolean {
  if (sdk || !settings.enabled) return false;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { W3CTraceContextPropagator } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  /* eslint-enable @typescript-eslint/no-require-imports */
  sdk = new NodeSDK({
    serviceName: settings.serviceName ?? service,
    // W3C trace context alone unless OTEL_PROPAGATORS names others. The SDK's default adds W3C
    // baggage, which no service reads or sets: a second propagator run on every message sent and
    // received, for a header that is never there.
    ...(settings.propagatorsNamed ? {} : { textMapPropagator: new W3CTraceContextPropagator() }),
    instrumentations: [],
    // Traces only: metrics are Prometheus' (/metrics), logs are JSON lines on stdout.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  stopHttpClientSpans = traceHttpClients();
  return true;
}

/** Whether this process exports traces: startTracing has run with an endpoint set. */
export function tracingStarted(): boolean {
  return sdk !== undefined;
}

/** Exports what is buffered and stops: the last step of a service's stop, after its drain's spans. */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  stopHttpClientSpans?.();
  stopHttpClientSpans = undefined;
  await running?.shutdown().catch(() => undefined);
}
