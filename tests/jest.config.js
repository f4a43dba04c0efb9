module.exports = require('../jest.preset')(__dirname, {
  testMatch: ['<rootDir>/*.spec.ts'],
  testTimeout: 180_000,
  // A safety net, as for the gateway's in-process tests: a Kafka client a suite left connected
  // (kafkajs has known cases where disconnect leaves a socket behind) must not hold the whole
  // test command open until CI's limit. Look for such a leak with --detectOpenHandles.
  forceExit: true,
});
