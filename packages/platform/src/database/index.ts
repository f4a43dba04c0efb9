export * from './data-source-options';
export * from './migrations/run-migrations';
export * from './migrations/sql-migration';
