#!/usr/bin/env bash
# Installs the Debian 12 packages schoolrun needs to build, test and
# benchmark, when they are missing. Run as root (or with sudo available).
set -euo pipefail
pkgs=(build-essential cmake pkg-config libxml2-dev libglpk-dev glpk-utils libcsv-dev zlib1g-dev
      osmium-tool routino poppler-utils)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
