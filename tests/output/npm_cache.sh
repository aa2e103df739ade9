#!/usr/bin/env bash
# npm_cache.sh - sourced by the tests that use an npm package (gtfs_node.sh,
# map_browser.sh): npm_cache_install PACKAGE VERSION [DIR] installs
# PACKAGE@VERSION once per machine into DIR (default the user's cache folder,
# ~/.cache/schoolrun/npm-PACKAGE-VERSION) and sets NPM_CACHE_DIR to it.
# A lock keeps parallel test runs from installing twice, and a stamp marks a
# complete install. Exits the test with 77 (skip) when node or npm is
# missing or the install fails (offline), saying why.
npm_cache_install() {
  local pkg=$1 version=$2
  command -v node >/dev/null 2>&1 || { echo "SKIP: node not found"; exit 77; }
  command -v npm >/dev/null 2>&1 || { echo "SKIP: npm not found"; exit 77; }
  NPM_CACHE_DIR=${3:-${XDG_CACHE_HOME:-$HOME/.cache}/schoolrun/npm-$pkg-$version}
  mkdir -p "$NPM_CACHE_DIR"
  exec 9>"$NPM_CACHE_DIR/.lock"
  flock 9
  if [ ! -f "$NPM_CACHE_DIR/.install-ok" ]; then
    rm -rf "$NPM_CACHE_DIR/node_modules"
    [ -f "$NPM_CACHE_DIR/package.json" ] || echo '{"private": true}' >"$NPM_CACHE_DIR/package.json"
    echo "installing $pkg@$version into $NPM_CACHE_DIR"
    if ! timeout 900 npm install --prefix "$NPM_CACHE_DIR" --no-audit --no-fund --loglevel=error \
        "$pkg@$version" >"$NPM_CACHE_DIR/install.log" 2>&1; then
      tail -5 "$NPM_CACHE_DIR/install.log" || true
      rm -rf "$NPM_CACHE_DIR/node_modules"
      echo "SKIP: npm install $pkg@$version failed (see $NPM_CACHE_DIR/install.log)"
      exit 77
    fi
    touch "$NPM_CACHE_DIR/.install-ok"
  fi
  flock -u 9
}
