// A Jest reporter that writes each package's counts to $HB_TEST_REPORT_DIR, so the test command can
// print one "N passed, N failed" line for the whole monorepo.
const fs = require('node:fs');
const path = require('node:path');

class CountsReporter {
  onRunComplete(_contexts, results) {
    const dir = process.env.HB_TEST_REPORT_DIR;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    const name = path.basename(process.cwd());
    const counts = {
      package: name,
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(counts));
  }
}

module.exports = CountsReporter;
