export * from './topics';
export * from './errors';
export * from './validation';
export * from './events';
export * from './commands';
