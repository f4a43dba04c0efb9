import { tracingEnv } from './tracing-env';

describe(tracingEnv.name, () => {
  it('is on once an OTLP endpoint is set, unless the SDK is disabled', () => {
    expect(tracingEnv({}).enabled).toBe(false);
    expect(tracingEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).enabled).toBe(true);
    expect(tracingEnv({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }).enabled).toBe(true);
    expect(tracingEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).enabled).toBe(false);
  });

  it('leaves the propagators to the SDK only when OTEL_PROPAGATORS names them', () => {
    expect(tracingEnv({}).propagatorsNamed).toBe(false);
    expect(tracingEnv({ OTEL_PROPAGATORS: '' }).propagatorsNamed).toBe(false);
    expect(tracingEnv({ OTEL_PROPAGATORS: 'tracecontext,baggage' }).propagatorsNamed).toBe(true);
  });
});
