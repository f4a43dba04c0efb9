export * from './model-provider';
