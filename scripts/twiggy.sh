#!/usr/bin/env bash
# What the core wasm is made of: the build's wasm-opt passes with names kept, then `twiggy top` (cargo install twiggy).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/twiggy; mkdir -p $out
wasm-bindgen --target web --no-typescript --keep-debug --out-dir $out --out-name core target/wasm32-unknown-unknown/wasm/bkpaas_upload.wasm
node_modules/.bin/wasm-opt -Oz --converge -ocimfs 20 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue --debuginfo $out/core_bg.wasm -o $out/core.wasm
twiggy top -n "${1:-40}" $out/core.wasm
