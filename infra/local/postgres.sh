#!/usr/bin/env bash
# PostgreSQL 15 from Debian with pgvector, plus the hb, hb_test and hb_bench databases. Idempotent: a second
# run only checks. PGHOST (127.0.0.1), PGPORT (5432) and PGUSER (postgres) choose where to connect.
# Debian 12 ships no pgvector, so it is built once from Debian trixie's source package.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
PG_MAJOR=15
PG_BIN="/usr/lib/postgresql/$PG_MAJOR/bin"
PG_CONF_DIR="/etc/postgresql/$PG_MAJOR/main"
VECTOR_CONTROL="/usr/share/postgresql/$PG_MAJOR/extension/vector.control"
BUILD_DIR="$HB_CACHE_DIR/pgvector-build"
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
DATABASES=(hb hb_test hb_bench)
HBA_MARKER="# local TCP trust for development (added by infra/local/postgres.sh)"

installed_now=0

pg_query() { psql -X -q -At -v ON_ERROR_STOP=1 -d "${2:-postgres}" -c "$1"; }
can_connect() { pg_query 'SELECT 1' >/dev/null 2>&1; }
cluster_field() { pg_lsclusters -h 2>/dev/null | awk -v v="$PG_MAJOR" -v f="$1" '$1 == v && $2 == "main" { print $f }'; }
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

ensure_server() {
  if [ ! -x "$PG_BIN/postgres" ]; then
    log "installing postgresql-$PG_MAJOR from Debian"
    apt_install "postgresql-$PG_MAJOR"
    installed_now=1
  fi
  # The package normally creates main; createcluster.conf can switch that off.
  if [ -z "$(cluster_field 2)" ]; then
    log "creating cluster $PG_MAJOR/main on port $PGPORT"
    as_root pg_createcluster -p "$PGPORT" "$PG_MAJOR" main >/dev/null
  fi
  if [ "$installed_now" = 1 ]; then
    if [ "$(cluster_field 3)" != "$PGPORT" ]; then
      as_root pg_conftool "$PG_MAJOR" main set port "$PGPORT"
      [ "$(cluster_field 4)" = online ] && as_root pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main restart
    fi
    allow_local_tcp
  fi
}

# Prepended because pg_hba.conf is first-match: Debian's default scram lines stay but no longer apply.
allow_local_tcp() {
  local hba="$PG_CONF_DIR/pg_hba.conf" tmp
  as_root grep -qF "$HBA_MARKER" "$hba" && return 0
  log "allowing trust auth for TCP connections from 127.0.0.1 and ::1 ($hba)"
  tmp=$(mktemp)
  { printf '%s\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n\n' "$HBA_MARKER"
    as_root cat "$hba"; } > "$tmp"
  as_root install -m 640 -o postgres -g postgres "$tmp" "$hba"
  rm -f "$tmp"
  [ "$(cluster_field 4)" = online ] && as_root pg_ctlcluster "$PG_MAJOR" main reload
  return 0
}

ensure_running() {
  if [ "$(cluster_field 4)" != online ]; then
    log "starting PostgreSQL $PG_MAJOR/main"
    as_root pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main start
  fi
  wait_port "$PGHOST" "$PGPORT" "PostgreSQL" 60
  # The port opens a moment before the server accepts logins (startup, recovery).
  for _ in $(seq 1 150); do "$PG_BIN/pg_isready" -q -d postgres && break; sleep 0.2; done
  can_connect && return 0
  log "cannot connect as $PGUSER to $PGHOST:$PGPORT; adding trust auth for local TCP"
  allow_local_tcp
  for _ in $(seq 1 25); do can_connect && return 0; sleep 0.2; done
  die "cannot connect with: psql -h $PGHOST -p $PGPORT -U $PGUSER ($(pg_query 'SELECT 1' 2>&1 | head -1))"
}

# The first plain Debian archive URI in the system's sources, so the build uses the same mirror.
debian_mirror() {
  local files=() f uris
  [ -f /etc/apt/sources.list ] && files+=(/etc/apt/sources.list)
  for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do [ -f "$f" ] && files+=("$f"); done
  [ ${#files[@]} -gt 0 ] && uris=$(awk '
    /^[[:space:]]*#/ { next }
    /^[[:space:]]*deb(-src)?[[:space:]]/ {
      for (i = 2; i <= NF; i++) { if ($i ~ /^\[/) { while ($i !~ /\]$/ && i < NF) i++; continue } print $i; break }
    }
    /^[[:space:]]*URIs:/ { for (i = 2; i <= NF; i++) print $i }
  ' "${files[@]}" | grep -E '^(https?|ftp)://' || true)
  f=$(grep -m1 -E '/debian/?$' <<<"${uris:-}" || { grep '/debian' <<<"${uris:-}" | grep -v security | head -1; } || true)
  if [ -z "$f" ]; then
    f=http://deb.debian.org/debian
    log "no Debian mirror found in the apt sources; using $f"
  fi
  echo "${f%/}"
}

trixie_update() {
  as_root "$@" update >>"$BUILD_DIR/build.log" 2>&1 && compgen -G "$BUILD_DIR/lists/*_Sources*" >/dev/null
}

build_pgvector() {
  [ -f "$VECTOR_CONTROL" ] && return 0
  local missing=() p mirror
  for p in "postgresql-server-dev-$PG_MAJOR" build-essential dpkg-dev; do pkg_installed "$p" || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then log "installing ${missing[*]} from Debian"; apt_install "${missing[@]}"; fi

  mirror=$(debian_mirror)
  log "building pgvector from Debian trixie's source package via $mirror (once, about 20 s)"
  rm -rf "$BUILD_DIR"
  mkdir -p "$BUILD_DIR/lists/partial" "$BUILD_DIR/cache/archives/partial"
  printf 'deb-src [signed-by=%s] %s trixie main\n' "$KEYRING" "$mirror" > "$BUILD_DIR/sources.list"
  # Private sources, lists and cache: the system's apt state never sees trixie. The work dir may sit
  # under a home _apt cannot enter, hence no download sandbox.
  local apt=(apt-get -q -o Dir::Etc::sourcelist="$BUILD_DIR/sources.list" -o Dir::Etc::sourceparts=/dev/null
    -o Dir::State::Lists="$BUILD_DIR/lists" -o Dir::Cache="$BUILD_DIR/cache" -o APT::Sandbox::User=root)
  local log_file="$BUILD_DIR/build.log"
  : >"$log_file"
  # A snapshot mirror serves a Release whose Valid-Until has passed, and a keyring from before the
  # trixie keys cannot verify it: retry with both remedies, signatures still checked.
  if ! trixie_update "${apt[@]}"; then
    log "retrying the trixie index with Check-Valid-Until off and a current debian-archive-keyring"
    apt_install debian-archive-keyring
    trixie_update "${apt[@]}" -o Acquire::Check-Valid-Until=false \
      || die "apt could not read trixie sources from $mirror; see $log_file"
  fi
  (cd "$BUILD_DIR" && as_root "${apt[@]}" source --download-only pgvector) >>"$log_file" 2>&1 \
    || die "apt could not fetch the pgvector source package; see $log_file"
  local dsc=("$BUILD_DIR"/pgvector_*.dsc)
  # dpkg-source applies Debian's patches, among them dropping -march=native so the build is portable.
  (cd "$BUILD_DIR" && dpkg-source -x "$dsc" src) >>"$log_file" 2>&1 \
    || die "could not unpack $dsc; see $log_file"
  make -C "$BUILD_DIR/src" -j"$(nproc)" PG_CONFIG="$PG_BIN/pg_config" >>"$log_file" 2>&1 \
    || die "pgvector build failed; see $log_file"
  as_root make -C "$BUILD_DIR/src" install PG_CONFIG="$PG_BIN/pg_config" >>"$log_file" 2>&1 \
    || die "pgvector install failed; see $log_file"
  [ -f "$VECTOR_CONTROL" ] || die "pgvector installed but $VECTOR_CONTROL is missing; see $log_file"
  rm -rf "$BUILD_DIR/lists" "$BUILD_DIR/cache"
  log "pgvector $(sed -n "s/^default_version = '\(.*\)'/\1/p" "$VECTOR_CONTROL") installed"
}

ensure_databases() {
  local db
  for db in "${DATABASES[@]}"; do
    if [ -z "$(pg_query "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      log "creating database $db"
      pg_query "CREATE DATABASE \"$db\" OWNER postgres"
    fi
    pg_query 'SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS vector' "$db"
  done
}

ensure_server
ensure_running
build_pgvector
ensure_databases
log "PostgreSQL $PG_MAJOR is ready on $PGHOST:$PGPORT (databases: ${DATABASES[*]}, with pgvector)"
