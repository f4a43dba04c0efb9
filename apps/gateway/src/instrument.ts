// The first import of main.ts: tracing (when an OTLP endpoint is set) patches pg and undici
// as they are loaded, so it starts before anything else is.
import { startTracing } from '@hb/platform/tracing';

startTracing('gateway');
