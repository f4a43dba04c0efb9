#!/usr/bin/env bash
# Runs every test in the monorepo against real PostgreSQL, Redis and Kafka, which it brings up
# first, and ends with one line totalling them: "N passed, N failed".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/infra-up.sh"
# The Python SDK's tests run on the system's Python 3 (standard library only).
command -v python3 >/dev/null || { log "installing Python 3 from Debian"; apt_install python3; }
# The console's tests drive Debian's Chromium headless (playwright-core, no browser download).
command -v chromium >/dev/null || { log "installing Chromium from Debian"; apt_install chromium; }

cd "$ROOT"
report_dir="$(mktemp -d)"
planned="$(mktemp)"
trap 'rm -rf "$report_dir" "$planned"' EXIT
# Tests use their own database and a fresh Kafka namespace, so a running platform is left alone.
export HB_TEST_REPORT_DIR="$report_dir"
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hb_test}"
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}"
export TEST_KAFKA_BROKERS="${TEST_KAFKA_BROKERS:-127.0.0.1:9092}"

status=0
# turbo's own options (a --filter) narrow every step below; what follows a -- is for the tests alone.
turbo_options=(); for arg in "$@"; do [ "$arg" = "--" ] && break; turbo_options+=("$arg"); done
# ts-jest compiles each file on its own (isolatedModules) and checks no types: tsc does, first.
log "type-checking"
pnpm exec turbo run typecheck --output-logs=errors-only "${turbo_options[@]}" || { status=$?; log "type errors: see above"; }
# The packages whose tests this run selects: each of them must report, or its run crashed.
pnpm exec turbo run test --dry=json "${turbo_options[@]}" >"$planned" || status=$?
pnpm exec turbo run test --concurrency=1 --continue "$@" || status=$?

node - "$report_dir" "$planned" <<'JS'
const fs = require('node:fs');
const path = require('node:path');
const [dir, planned] = process.argv.slice(2);
const reports = fs.readdirSync(dir).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
let expected = [];
let unlisted = 0;
try {
  expected = JSON.parse(fs.readFileSync(planned, 'utf8'))
    .tasks.filter((task) => task.task === 'test' && task.command !== '<NONEXISTENT>')
    .map((task) => path.basename(task.directory));
} catch (error) {
  console.log(`  could not list the packages to test (turbo run test --dry=json): ${error.message}`);
  unlisted = 1;
}
const missing = expected.filter((name) => !reports.some((r) => r.package === name));
const sum = (key) => reports.reduce((n, r) => n + r[key], 0);
for (const r of reports) console.log(`  ${r.package}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
for (const name of missing) console.log(`  ${name}: did not report (its test run crashed or did not start)`);
const failed = sum('failed') + missing.length + unlisted;
console.log(`${sum('passed')} passed, ${failed} failed, ${sum('skipped')} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
JS
summary=$?
[ "$status" = 0 ] && [ "$summary" = 0 ]
