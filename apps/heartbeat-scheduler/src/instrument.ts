// The first import of main.ts: tracing (when an OTLP endpoint is set) starts before anything
// else runs, so every span has its SDK and the platform module knows to add statement spans.
import { startTracing } from '@hb/platform/tracing';

startTracing('heartbeat-scheduler');
