#!/usr/bin/env bash
# Redis from Debian on 127.0.0.1:${REDIS_PORT:-6379}, without persistence. Idempotent: when something
# already answers on the port it is left alone. Started as a plain daemon since there may be no systemd.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REDIS_PORT="${REDIS_PORT:-6379}"
REDIS_DIR=/var/lib/redis
REDIS_LOG=/var/log/redis/ci.log

ensure_redis() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null && return 0
  log "installing redis-server from Debian"
  apt_install redis-server redis-tools
}

start_redis() {
  # The '-' makes ::1 optional to Redis, yet not every IPv6 failure is skipped: then retry on IPv4 only.
  local bind addrs
  for bind in "127.0.0.1 -::1" "127.0.0.1"; do
    read -ra addrs <<<"$bind"
    if as_root redis-server --daemonize yes --bind "${addrs[@]}" --port "$REDIS_PORT" --save "" --appendonly no \
      --dir "$REDIS_DIR" --logfile "$REDIS_LOG"; then
      for _ in $(seq 1 25); do port_open 127.0.0.1 "$REDIS_PORT" && return 0; sleep 0.2; done
    fi
    log "redis did not come up with --bind $bind (log: $REDIS_LOG)"
  done
  die "redis did not open 127.0.0.1:$REDIS_PORT; see $REDIS_LOG"
}

ensure_redis
if ! port_open 127.0.0.1 "$REDIS_PORT"; then
  as_root mkdir -p "$REDIS_DIR" "$(dirname "$REDIS_LOG")"
  log "starting redis on 127.0.0.1:$REDIS_PORT (log: $REDIS_LOG)"
  start_redis
fi
# Accepting TCP is not enough: Redis answers LOADING while it reads a dump.
for _ in $(seq 1 150); do
  [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] && break
  sleep 0.2
done
[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>&1)" = PONG ] \
  || die "redis on 127.0.0.1:$REDIS_PORT does not answer PONG: $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>&1)"
log "Redis is ready on 127.0.0.1:$REDIS_PORT"
