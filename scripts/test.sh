#!/usr/bin/env bash
# `npm test`: every test of the project, from a fresh machine. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
export TMPDIR="$PWD/target/tmp"; mkdir -p "$TMPDIR"
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
step() { printf '\n== %s\n' "$*"; }

step "tools"
bash scripts/ensure-tools.sh test

step "native tests (pure core, emulator, inspect walkers)"
cargo test --workspace --release

step "emulator binary and package build"
cargo build --release -p bkpaas-emulator
node scripts/build.mjs

step "wasm tests (wasm-bindgen-test) in Chromium, Firefox ESR and WebKitGTK against the emulator"
node tests/lib/with-emulator.mjs -- node tests/engines/wasm.mjs chromium firefox webkit

step "TypeScript consumer type-check"
npx tsc -p tests/types/tsconfig.json

step "browser end-to-end tests (Playwright)"
node --test --test-concurrency=1 tests/browser/

step "page-level tests in Firefox ESR and WebKitGTK (WebDriver)"
node --test --test-concurrency=1 tests/engines/

step "size budget"
node scripts/size.mjs --check
