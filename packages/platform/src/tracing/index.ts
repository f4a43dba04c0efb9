export * from './spans';
export { startTracing, stopTracing } from './start';
