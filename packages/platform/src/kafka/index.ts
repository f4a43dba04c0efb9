export * from './kafka-bus';
export * from './command-server';
export * from './command-client';
export * from './event-consumer';
export * from './service-presence';
export * from './running-consumer';
export * from './timing';
export * from './on-command';
