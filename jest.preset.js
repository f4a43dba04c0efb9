// One Jest setup for every package: ts-jest on the package's tsconfig, unit specs beside the code
// (src/**/*.spec.ts) and integration specs under test/. Each run writes a JSON report that the
// test command sums into the monorepo's single "N passed, N failed" line.
const path = require('node:path');

module.exports = (dir, overrides = {}) => ({
  rootDir: dir,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(dir, 'tsconfig.json') }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60_000,
  reporters: ['default', path.join(__dirname, 'infra/local/jest-report.js')],
  ...overrides,
});
