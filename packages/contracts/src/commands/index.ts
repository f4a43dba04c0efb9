export * from './command';
export * from './system.commands';
export * from './memory-fields';
export * from './memory.commands';
export * from './agent.commands';
export * from './mcp-servers';
export * from './webhook.commands';
export * from './heartbeat.commands';
