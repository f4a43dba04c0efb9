/**
 * What tracing reads of the environment. Read apart from the services' validated config because
 * tracing starts before anything else is loaded (see tracing/start.ts); OpenTelemetry's SDK reads
 * the rest of the standard OTEL_* variables itself.
 */
export interface TracingEnv {
  /** An OTLP endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT, or the traces one), and OTEL_SDK_DISABLED is not true. */
  enabled: boolean;
  /** OTEL_SERVICE_NAME, to name the service otherwise than the platform does. */
  serviceName?: string;
  /** OTEL_PROPAGATORS is set: the SDK builds the propagators it names, and the platform's default stands aside. */
  propagatorsNamed: boolean;
}

export function tracingEnv(env: NodeJS.ProcessEnv = process.env): TracingEnv {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  return {
    enabled: env.OTEL_SDK_DISABLED !== 'true' && Boolean(endpoint),
    serviceName: env.OTEL_SERVICE_NAME || undefined,
    propagatorsNamed: Boolean(env.OTEL_PROPAGATORS),
  };
}
