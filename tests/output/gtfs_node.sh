#!/usr/bin/env bash
# gtfs_node.sh - the fixture plan's GTFS feed loaded by a standard GTFS tool:
# node-gtfs (npm package `gtfs`) imports it into SQLite and gtfs_import.mjs
# compares what it reads back with plan.json. Skips (exit 77) when node or
# npm is missing or the package cannot be installed (offline).
# Usage: gtfs_node.sh PATH/TO/out_fixture_write
set -euo pipefail
writer=$1
here=$(cd "$(dirname "$0")" && pwd)
# gtfs 4.17.x is the newest line that supports node 20 (4.18 needs node >= 22)
GTFS_VERSION=4.17.5

# shellcheck source=npm_cache.sh
. "$here/npm_cache.sh"
command -v node >/dev/null 2>&1 || { echo "SKIP: node not found"; exit 77; }
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "SKIP: node $node_major is older than 20 (node-gtfs $GTFS_VERSION needs >= 20.11)"
  exit 77
fi

# The package is installed once per machine into the user's cache folder
# (or into $SR_GTFS_NODE_DIR when set). better-sqlite3 compiles SQLite when no
# prebuilt binary can be fetched, which takes minutes the first time.
npm_cache_install gtfs "$GTFS_VERSION" "${SR_GTFS_NODE_DIR:-}"
cache=$NPM_CACHE_DIR

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$writer" "$tmp/out" ru
# ES modules resolve packages from the script's folder: run it from the cache
cp "$here/gtfs_import.mjs" "$cache/gtfs_import.mjs"
node "$cache/gtfs_import.mjs" "$tmp/out/gtfs" "$tmp/out/plan.json" "$tmp/gtfs.sqlite"
