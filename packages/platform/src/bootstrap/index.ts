export * from './tokens';
export * from './platform.module';
export * from './run-service';
export * from './json-depth';
