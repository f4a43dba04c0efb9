export * from './destination';
export * from './guarded-fetch';
export * from './safe-http';
