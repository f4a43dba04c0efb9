// forceExit: the in-process gateways close cleanly (their shutdown is tested as a process in
// tests/), but kafkajs leaves a reconnect timer behind in this Jest worker now and then, which
// would keep the run from ending.
const path = require('node:path');

// jose ships ES modules only. Node 24 requires them from the built gateway as they are, but Jest
// 29's module loader does not, so Jest compiles jose's files to CommonJS (transpiled, not checked).
module.exports = require('../../jest.preset')(__dirname, {
  forceExit: true,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.json') }],
    '/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs', target: 'es2022' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/jose@[^/]+/node_modules/)?jose/)'],
});
