export * from './event-definition';
export * from './event-envelope';
export * from './gateway.events';
export * from './memory.events';
export * from './agent.events';
export * from './heartbeat.events';
