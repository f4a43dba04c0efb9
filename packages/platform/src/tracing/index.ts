export * from './spans';
export { startTracing, stopTracing, tracingConfigured } from './start';
