export * from './spans';
export { startTracing, tracingConfigured } from './start';
