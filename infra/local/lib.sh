# Shared helpers for the native (no Docker) local scripts. Source it; do not run it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HB_CACHE_DIR="${HB_CACHE_DIR:-$HOME/.cache/heartbeat-platform}"
TOOLS_DIR="$ROOT/.tools"
NODE_MAJOR=24
PNPM_VERSION=10.34.9

log() { printf '\033[1;34m[hb]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[hb]\033[0m %s\n' "$*" >&2; exit 1; }

# Optional .env at the root: every setting comes from the environment, the file only fills gaps.
load_env() {
  if [ -f "$ROOT/.env" ]; then
    while IFS='=' read -r key value; do
      [[ -z "$key" || "$key" == \#* ]] && continue
      [ -z "${!key:-}" ] && export "$key=$value"
    done < "$ROOT/.env"
  fi
  return 0
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Waits until a TCP port answers, or fails naming what did not come up.
wait_port() {
  local host=$1 port=$2 what=$3 seconds=${4:-60}
  for _ in $(seq 1 $((seconds * 5))); do
    if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  die "$what did not open $host:$port within ${seconds}s"
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
