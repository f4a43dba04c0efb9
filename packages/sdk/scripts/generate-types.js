// Regenerates src/generated/openapi.ts from a running gateway's OpenAPI document (./hb up starts
// one on :3000), or from a saved document:
//   node scripts/generate-types.js [url-or-file]           write the types
//   node scripts/generate-types.js --check [url-or-file]   exit 1 when the committed types differ
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { renderTypes } = require('./render-types');

async function main() {
  const args = process.argv.slice(2);
  const check = args[0] === '--check';
  const source = args[check ? 1 : 0] ?? `http://127.0.0.1:${process.env.GATEWAY_PORT ?? 3000}/openapi.json`;
  const document = /^https?:/.test(source) ? await (await fetch(source)).json() : JSON.parse(readFileSync(source, 'utf8'));
  const target = join(__dirname, '..', 'src', 'generated', 'openapi.ts');
  const rendered = await renderTypes(document);
  if (!check) {
    writeFileSync(target, rendered);
    return console.log(`wrote ${target} from ${source}`);
  }
  const committed = readFileSync(target, 'utf8').split('\n');
  const fresh = rendered.split('\n');
  const line = fresh.findIndex((text, index) => text !== committed[index]);
  if (line < 0 && fresh.length === committed.length) return console.log(`${target} matches ${source}`);
  const at = line < 0 ? Math.min(fresh.length, committed.length) : line;
  console.error(`${target} differs from the types of ${source} at line ${at + 1}:`);
  console.error(`  committed: ${committed[at] ?? '(end of file)'}\n  generated: ${fresh[at] ?? '(end of file)'}`);
  console.error('Regenerate with: pnpm --filter @hb/sdk generate (against a gateway of this build), and commit the result.');
  process.exitCode = 1;
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
