#!/usr/bin/env bash
# Starts and stops the five services as background processes with logs under .run/logs, each kept
# alive by supervise.js: a service that crashes is started again, with a growing delay while it
# keeps crashing, and `status` counts its restarts.
#   services.sh start | stop | status
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_env

APPS=(memory agent-runtime heartbeat-scheduler webhook-dispatcher gateway)
declare -A PORTS=([gateway]=3000 [agent-runtime]=3001 [heartbeat-scheduler]=3002 [memory]=3003 [webhook-dispatcher]=3004)
RUN_DIR="$ROOT/.run"
PATH="$TOOLS_DIR/bin:$PATH"

# The pid file holds the supervisor's pid. It is trusted only while that process still runs this
# service: after a reboot the number may belong to something else, which must never be signalled.
pid_of() {
  local file="$RUN_DIR/$1.pid" pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  is_service "$pid" "$1" && echo "$pid"
}

is_service() {
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q "apps/$2/dist/main.js"
}

# A numeric field of the supervisor's state file (restarts, childPid), empty when there is none.
state_of() {
  local file="$RUN_DIR/$1.state.json"
  [ -f "$file" ] || return 0
  grep -o "\"$2\":[0-9]*" "$file" | cut -d: -f2 || true
}

port_of() {
  local var; var="$(echo "$1" | tr 'a-z-' 'A-Z_')_PORT"
  echo "${!var:-${PORTS[$1]}}"
}

stop() {
  for app in "${APPS[@]}"; do
    local pid
    if pid=$(pid_of "$app"); then
      local child; child=$(state_of "$app" childPid)
      kill -TERM "$pid"
      for _ in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
      if [ -n "$child" ] && is_service "$child" "$app"; then kill -KILL "$child" 2>/dev/null || true; fi
      log "stopped $app"
    fi
    rm -f "$RUN_DIR/$app.pid" "$RUN_DIR/$app.state.json"
  done
}

# The bootstrap key of a fresh install: HB_ADMIN_KEY when given, else generated once and kept.
ensure_admin_key() {
  if [ -z "${HB_ADMIN_KEY:-}" ]; then
    if [ ! -s "$RUN_DIR/admin-key" ]; then
      (umask 077; printf 'hb_admin_%s\n' "$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')" >"$RUN_DIR/admin-key")
    fi
    HB_ADMIN_KEY="$(cat "$RUN_DIR/admin-key")"
  fi
  export HB_ADMIN_KEY
}

# The key MCP server headers are sealed with: SECRETS_KEY when given, else generated once and kept
# (a new key would leave what was sealed before unreadable).
ensure_secrets_key() {
  if [ -z "${SECRETS_KEY:-}" ]; then
    if [ ! -s "$RUN_DIR/secrets-key" ]; then
      (umask 077; od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$RUN_DIR/secrets-key")
    fi
    SECRETS_KEY="$(cat "$RUN_DIR/secrets-key")"
  fi
  export SECRETS_KEY
}

start() {
  command -v curl >/dev/null || apt_install curl
  EMBEDDINGS_MODEL_DIR="${EMBEDDINGS_MODEL_DIR:-$(bash "$(dirname "${BASH_SOURCE[0]}")/models.sh")}"
  export EMBEDDINGS_MODEL_DIR
  mkdir -p "$RUN_DIR/logs"
  ensure_admin_key
  ensure_secrets_key
  for app in "${APPS[@]}"; do
    log "migrating $app"
    node "$ROOT/apps/$app/dist/migrate.js" >>"$RUN_DIR/logs/$app.migrate.log" 2>&1 \
      || die "migrations of $app failed; see $RUN_DIR/logs/$app.migrate.log"
  done
  local node; node="$(command -v node)"
  for app in "${APPS[@]}"; do
    rm -f "$RUN_DIR/$app.state.json"
    PORT="$(port_of "$app")" nohup "$node" "$ROOT/infra/local/supervise.js" "$RUN_DIR/$app.state.json" \
      -- "$node" "$ROOT/apps/$app/dist/main.js" >>"$RUN_DIR/logs/$app.log" 2>&1 &
    echo $! >"$RUN_DIR/$app.pid"
  done
  for app in "${APPS[@]}"; do
    local port; port="$(port_of "$app")"
    local ready=0
    for _ in $(seq 1 300); do
      if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then ready=1; break; fi
      # A crash before the first readiness is a fault to fix (a bad variable), not one to restart.
      if ! pid_of "$app" >/dev/null || [ "$(state_of "$app" restarts)" -gt 0 ] 2>/dev/null; then
        stop
        die "$app exited during start-up; see $RUN_DIR/logs/$app.log"
      fi
      sleep 0.2
    done
    [ "$ready" = 1 ] || die "$app is not ready after 60 s; see $RUN_DIR/logs/$app.log"
    log "$app ready on :$port"
  done
  seed_test_tenant
}

# Spec 003's test tenant with its 975 sample memories: the tenant through the gateway's admin API
# (409 when it exists), the memories by the memory service's own seed command. Both idempotent.
seed_test_tenant() {
  local tenant=00000000-0000-0000-0000-000000000001
  curl -sS -o /dev/null -X POST "http://127.0.0.1:$(port_of gateway)/api/v1/admin/tenants" \
    -H "Authorization: Bearer $HB_ADMIN_KEY" -H 'Content-Type: application/json' \
    -d "{\"id\": \"$tenant\", \"name\": \"Test tenant\"}" || die "could not create the test tenant"
  log "seeding the test tenant's sample memories"
  node "$ROOT/apps/memory/dist/seed.js" >>"$RUN_DIR/logs/memory.seed.log" 2>&1 \
    || die "seeding failed; see $RUN_DIR/logs/memory.seed.log"
}

status() {
  for app in "${APPS[@]}"; do
    local port; port="$(port_of "$app")"
    if pid_of "$app" >/dev/null; then
      printf '%-20s running  :%s  restarts: %s  %s\n' "$app" "$port" "$(state_of "$app" restarts)" \
        "$(curl -s "http://127.0.0.1:$port/health/ready" || echo 'no answer')"
    else
      printf '%-20s stopped\n' "$app"
    fi
  done
  embeddings_status
}

# Stored vectors per embedding model: after a change of model, the re-embedding's progress
# (the memory service also logs it every 10 s while it runs).
embeddings_status() {
  local db="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hb}"
  command -v psql >/dev/null || return 0
  local counts
  counts=$(psql "$db" -XAtq -F ' ' -c "SELECT model, count(*) FROM memory.memory_vectors GROUP BY model ORDER BY model" 2>/dev/null) || return 0
  [ -n "$counts" ] || counts="(none yet)"
  printf '%-20s %s\n' "memory vectors" "$(echo "$counts" | sed 's/ /: /' | paste -sd ',' - | sed 's/,/, /g')"
}

case "${1:-status}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  *) die "usage: services.sh start|stop|restart|status" ;;
esac
