module.exports = require('../../jest.preset')(__dirname, {
  // The sources import with .js extensions, as the ESM build needs; the tests run the TypeScript.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
});
