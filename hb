#!/usr/bin/env bash
# The platform's front door on a machine without Docker.
#   ./hb up      bring everything up: infrastructure, migrations, the five services
#   ./hb down    stop the five services (add --all to stop Kafka too)
#   ./hb status  what runs, and each service's readiness
#   ./hb test    run every test (brings up what the tests need first)
#   ./hb bench   run the benchmarks
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOCAL="$ROOT/infra/local"

case "${1:-}" in
  up)
    bash "$LOCAL/infra-up.sh"
    bash "$LOCAL/services.sh" restart
    source "$LOCAL/lib.sh"; load_env
    HB_ADMIN_KEY="${HB_ADMIN_KEY:-$(cat "$ROOT/.run/admin-key")}"
    cat <<MSG

  Heartbeat platform is up.
    gateway     http://127.0.0.1:${GATEWAY_PORT:-3000}
    admin key   $HB_ADMIN_KEY
    console     http://127.0.0.1:${GATEWAY_PORT:-3000}/console   (sign in with a tenant key: README, "The console")
    docs        http://127.0.0.1:${GATEWAY_PORT:-3000}/docs
    try it      curl -H "Authorization: Bearer $HB_ADMIN_KEY" http://127.0.0.1:${GATEWAY_PORT:-3000}/api/v1/system/ping/memory
    logs        $ROOT/.run/logs/
    stop        ./hb down
MSG
    ;;
  down)
    bash "$LOCAL/services.sh" stop
    if [ "${2:-}" = "--all" ]; then bash "$LOCAL/kafka.sh" stop; fi
    ;;
  status) bash "$LOCAL/services.sh" status ;;
  test) shift; bash "$LOCAL/test.sh" "$@" ;;
  bench) shift; bash "$LOCAL/infra-up.sh" && bash "$ROOT/bench/run.sh" "$@" ;;
  *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
