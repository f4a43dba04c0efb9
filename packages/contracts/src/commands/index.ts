export * from './command';
export * from './system.commands';
