#!/usr/bin/env bash
# Installs what a fresh machine lacks, and nothing it already has. Usage: ensure-tools.sh [build|test|all]
#   build: npm dev dependencies, the wasm32 target, wasm-bindgen-cli pinned to Cargo.lock's wasm-bindgen
#   test:  the above plus Debian's chromium and chromium-driver
set -euo pipefail
cd "$(dirname "$0")/.."
need=${1:-all}
log() { printf '[ensure-tools] %s\n' "$*" >&2; }

if [ ! -x node_modules/.bin/esbuild ] || [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ]; then
  log "installing npm dev dependencies"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

[ -f Cargo.lock ] || cargo generate-lockfile
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  log "installing wasm-bindgen-cli $want (found: ${have:-none}); about 3 minutes"
  # Not --locked: with it, a crate the CLI pins is missing from the registry.
  cargo install wasm-bindgen-cli --version "=$want"
fi

if [ "$need" != build ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    log "installing chromium and chromium-driver"
    sudo_="" ; [ "$(id -u)" = 0 ] || sudo_=sudo
    $sudo_ apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi
