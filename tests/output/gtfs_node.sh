#!/usr/bin/env bash
# gtfs_node.sh - the fixture plan's GTFS feed loaded by a standard GTFS tool:
# node-gtfs (npm package `gtfs`) imports it into SQLite and gtfs_import.mjs
# compares what it reads back with plan.json. The package is installed once
# into the build folder (not the repository). Skips (exit 77) when node or
# npm is missing or the package cannot be installed (offline).
# Usage: gtfs_node.sh PATH/TO/out_fixture_write
set -euo pipefail
writer=$1
here=$(cd "$(dirname "$0")" && pwd)
# gtfs 4.17.x is the newest line that supports node 20 (4.18 needs node >= 22)
GTFS_VERSION=4.17.5

command -v node >/dev/null 2>&1 || { echo "SKIP: node not found"; exit 77; }
command -v npm >/dev/null 2>&1 || { echo "SKIP: npm not found"; exit 77; }
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "SKIP: node $node_major is older than 20 (node-gtfs $GTFS_VERSION needs >= 20.11)"
  exit 77
fi

cache=${SR_BINARY_DIR:-${TMPDIR:-/tmp}}/npm-cache/gtfs-$GTFS_VERSION
if [ ! -f "$cache/node_modules/gtfs/package.json" ]; then
  mkdir -p "$cache"
  [ -f "$cache/package.json" ] || echo '{"private": true}' > "$cache/package.json"
  echo "installing gtfs@$GTFS_VERSION into $cache"
  if ! timeout 500 npm install --prefix "$cache" --no-audit --no-fund --loglevel=error \
      "gtfs@$GTFS_VERSION" > "$cache/install.log" 2>&1; then
    tail -5 "$cache/install.log" || true
    echo "SKIP: npm install gtfs@$GTFS_VERSION failed (see $cache/install.log)"
    exit 77
  fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$writer" "$tmp/out" ru
# ES modules resolve packages from the script's folder: run it from the cache
cp "$here/gtfs_import.mjs" "$cache/gtfs_import.mjs"
node "$cache/gtfs_import.mjs" "$tmp/out/gtfs" "$tmp/out/plan.json" "$tmp/gtfs.sqlite"
