export * from './scripted-anthropic';
export * from './gateway-client';
export * from './http-endpoint';
export * from './test-infra';
