export * from './command';
export * from './system.commands';
export * from './memory.commands';
