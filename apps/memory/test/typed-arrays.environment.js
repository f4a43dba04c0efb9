// Jest runs each test file in its own realm, whose typed-array constructors differ from Node's;
// onnxruntime-node checks tensors with `instanceof` against Node's own, so in-process model runs
// (the encoder's unit tests) need the realm to share them.
const { TestEnvironment } = require('jest-environment-node');

class TypedArraysEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of ['Float32Array', 'Float64Array', 'Int32Array', 'BigInt64Array', 'Uint8Array', 'ArrayBuffer']) {
      this.global[name] = globalThis[name];
    }
  }
}

module.exports = TypedArraysEnvironment;
