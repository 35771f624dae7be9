#!/usr/bin/env bash
# `npm run bench`: the benchmarks of BENCHMARKS.md, from a fresh clone. Installs what is missing (like `npm test`),
# builds the package and the emulator, then runs bench/run.mjs, which measures everything in one run (about 10 min
# on 2 cores), prints the table and rewrites BENCHMARKS.md. Not part of `npm test`: CI never runs it.
#   BENCH_ROUNDS=N (default 7), BENCH_PARTS=size,memory,overhead,startup,hash,emulator (a subset; prints only)
set -euo pipefail
cd "$(dirname "$0")/.."
export TMPDIR="$PWD/target/tmp"; mkdir -p "$TMPDIR"
step() { printf '\n== %s\n' "$*"; }

step "tools"
bash scripts/ensure-tools.sh test
command -v twiggy >/dev/null || [ -x "$HOME/.cargo/bin/twiggy" ] || cargo install twiggy
export PATH="$HOME/.cargo/bin:$PATH"
for tool in curl openssl lscpu; do command -v $tool >/dev/null || { echo "bench: $tool is required" >&2; exit 1; }; done

step "emulator binary and package build"
cargo build --release -p bkpaas-emulator
node scripts/build.mjs

step "benchmarks"
node bench/run.mjs "$@"
