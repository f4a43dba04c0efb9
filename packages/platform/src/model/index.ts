export * from './model-lifecycle';
export * from './model-provider';
