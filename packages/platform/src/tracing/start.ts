import type { NodeSDK } from '@opentelemetry/sdk-node';
import { tracingEnv, type TracingEnv } from '../config/tracing-env';

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry's Node SDK for this service, exporting traces over OTLP, with spans for
 * PostgreSQL queries and for calls made with fetch (a model's, an MCP server's); the platform adds
 * the gateway's requests (startServerSpan), Kafka's messages and the GenAI spans. It must run
 * before anything else is loaded, since the instrumentations patch `pg` and `undici` as they are
 * required: each service's
 * `instrument.ts`, the first import of its main. Without an endpoint it loads nothing and costs
 * nothing: every span the code starts is then a no-op of @opentelemetry/api.
 */
export function startTracing(service: string, settings: TracingEnv = tracingEnv()): boolean {
  if (sdk || !settings.enabled) return false;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  /* eslint-enable @typescript-eslint/no-require-imports */
  sdk = new NodeSDK({
    serviceName: settings.serviceName ?? service,
    instrumentations: [
      // A query outside a traced request (a poller's) would be a trace of its own, every few seconds;
      // taking a pooled connection is a span per query that says nothing.
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
    ],
    // Traces only: metrics are Prometheus' (/metrics), logs are JSON lines on stdout.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return true;
}

/** Exports what is buffered and stops: the last step of a service's stop, after its drain's spans. */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown().catch(() => undefined);
}
