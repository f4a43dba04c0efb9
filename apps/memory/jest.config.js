module.exports = require('../../jest.preset')(__dirname, { testEnvironment: '<rootDir>/test/typed-arrays.environment.js' });
