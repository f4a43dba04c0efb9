// Renders the gateway's OpenAPI document as the SDK's TypeScript types. One function, so the
// generator and the test that compares the running gateway with the committed types agree.
const { default: openapiTS, astToString } = require('openapi-typescript');

const HEADER = '// Generated from the gateway\'s /openapi.json by `pnpm --filter @hb/sdk generate`. Do not edit.\n\n';

async function renderTypes(document) {
  const ast = await openapiTS(document, { alphabetize: true, defaultNonNullable: false, exportType: true });
  return HEADER + astToString(ast);
}

module.exports = { renderTypes };
