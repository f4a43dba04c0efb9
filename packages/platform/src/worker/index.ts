export * from './kicked-loop';
