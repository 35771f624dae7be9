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

step "format and lint (rustfmt.toml; clippy natively and for the shipped wasm)"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --release -- -D warnings
# The wasm lib apart from its tests: with them, dev-dependencies would pull std into the no_std build.
cargo clippy -p bkpaas-upload --target wasm32-unknown-unknown --lib --profile wasm -- -D warnings
cargo clippy -p bkpaas-upload --target wasm32-unknown-unknown --tests -- -D warnings

step "native tests (pure core, rules, emulator, inspect walkers; property tests included)"
cargo test --workspace --release

step "emulator binary and package build"
cargo build --release -p bkpaas-emulator
node scripts/build.mjs

step "wasm tests (wasm-bindgen-test) in Chromium, Firefox ESR and WebKitGTK against the emulator"
node tests/lib/with-emulator.mjs -- node tests/engines/wasm.mjs chromium firefox webkit

step "TypeScript consumer type-check"
npx tsc -p tests/types/tsconfig.json

step "Vue and React template types (vue-tsc / tsc in the installed examples)"
node --test tests/frameworks/types.test.mjs

step "Node, Deno and Bun: the package by name, and the bkpaas-upload command, against the emulator"
node --test --test-concurrency=1 tests/node/

step "browser end-to-end tests (Playwright)"
node --test --test-concurrency=1 tests/browser/

step "page-level tests in Firefox ESR and WebKitGTK (WebDriver)"
node --test --test-concurrency=1 tests/engines/

step "size budget"
node scripts/size.mjs --check
