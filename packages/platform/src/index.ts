export * from './config';
export * from './logging';
export * from './kafka';
export * from './outbox';
export * from './health';
export * from './database';
export * from './bootstrap';
export * from './model';
