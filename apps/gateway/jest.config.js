// forceExit: the in-process gateways close cleanly (their shutdown is tested as a process in
// tests/), but kafkajs leaves a reconnect timer behind in this Jest worker now and then, which
// would keep the run from ending.
module.exports = require('../../jest.preset')(__dirname, { forceExit: true });
