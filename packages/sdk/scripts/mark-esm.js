// The ESM build is the same code as the CommonJS one, told apart by the nearest package.json.
require('node:fs').writeFileSync(require('node:path').join(__dirname, '..', 'dist', 'esm', 'package.json'), '{"type": "module"}\n');
