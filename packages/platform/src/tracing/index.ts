export * from './spans';
export { QuerySpans } from './query-spans';
export { startTracing, stopTracing, tracingStarted } from './start';
