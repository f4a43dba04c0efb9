export * from './event-envelope';
export * from './gateway.events';
