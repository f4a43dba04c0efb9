#!/usr/bin/env bash
# Runs every benchmark; each prints its figures beside a floor measured in the same run.
# Expects the infrastructure up (./hb bench does that first).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export PATH="$(cd .. && pwd)/.tools/bin:$PATH"
pnpm exec tsc -p tsconfig.json
node dist/gateway-roundtrip.js
node dist/gateway-auth-overhead.js
node dist/observability-overhead.js
node dist/retrieval-quality.js
node dist/memory-search.js
node dist/agent-invoke.js
node dist/webhook-delivery.js
node dist/heartbeat-fires.js
