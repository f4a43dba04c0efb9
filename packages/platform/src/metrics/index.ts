export * from './metrics';
export * from './metrics.controller';
export type { Counter, Gauge, Histogram } from 'prom-client';
