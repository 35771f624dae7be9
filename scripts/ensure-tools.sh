#!/usr/bin/env bash
# Installs what a fresh machine lacks, and nothing it already has. Usage: ensure-tools.sh [build|test|all]
#   build: npm dev dependencies, the wasm32 target, wasm-bindgen-cli pinned to Cargo.lock's wasm-bindgen
#   test:  the above plus the browser engines: Debian's chromium, chromium-driver, firefox-esr, webkit2gtk-driver,
#          xvfb, and geckodriver from crates.io
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
  # Debian packages of the three engines: Chromium, Firefox ESR, WebKitGTK (WebKitWebDriver + MiniBrowser, run
  # under Xvfb). The two new engines without recommends: 57 packages instead of 224.
  chrome=() engines=()
  [ -x /usr/bin/chromium ] || chrome+=(chromium)
  [ -x /usr/bin/chromedriver ] || chrome+=(chromium-driver)
  [ -x /usr/bin/firefox-esr ] || engines+=(firefox-esr)
  [ -x /usr/bin/WebKitWebDriver ] || engines+=(webkit2gtk-driver)
  [ -x /usr/bin/Xvfb ] || engines+=(xvfb)
  if [ $(( ${#chrome[@]} + ${#engines[@]} )) -gt 0 ]; then
    log "installing ${chrome[*]} ${engines[*]}"
    sudo_="" ; [ "$(id -u)" = 0 ] || sudo_=sudo
    apt_() { DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "$@" >/dev/null; }
    $sudo_ apt-get update -qq
    [ ${#chrome[@]} -eq 0 ] || apt_ "${chrome[@]}"
    [ ${#engines[@]} -eq 0 ] || apt_ --no-install-recommends "${engines[@]}"
  fi
  # geckodriver is not packaged by Debian: crates.io has it (the version pinned here).
  gecko=0.37.0
  if [ "$(geckodriver --version 2>/dev/null | awk 'NR==1{print $2}')" != "$gecko" ]; then
    log "installing geckodriver $gecko from crates.io; about 3 minutes"
    cargo install geckodriver --version "=$gecko" --locked
  fi
fi
