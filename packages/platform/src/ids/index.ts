export * from './prefixed-id';
