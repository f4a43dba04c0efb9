export * from './scripted-anthropic';
