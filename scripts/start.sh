#!/usr/bin/env bash
# `npm start`: the demo page on a local emulator, from a fresh machine. Installs what is missing, builds the package
# only when its sources changed, assembles target/site/ (www/ plus the built pkg/) and serves it with the emulator.
# Runs until Ctrl-C. PORT=8080 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
export TMPDIR="$PWD/target/tmp"; mkdir -p "$TMPDIR"
log() { printf '[start] %s\n' "$*" >&2; }
trap 'exit 130' INT TERM # Ctrl-C while building: stop here, not after the current step

bash scripts/ensure-tools.sh build

# Rebuild pkg/ when any source is newer than its newest output (a second start reuses it).
stamp=pkg/index.js
if [ ! -f "$stamp" ] || [ -n "$(find src js inspect sha256 rules cli scripts/build.mjs scripts/wasm-names.mjs scripts/entries Cargo.toml Cargo.lock -newer "$stamp" -type f 2>/dev/null | head -n 1)" ]; then
  log "building the package"
  node scripts/build.mjs
else
  log "package is up to date (pkg/)"
fi

log "building the emulator"
cargo build --release -p bkpaas-emulator

# The served folder: the page and the package on one origin, as a portal would host them.
site=target/site
rm -rf "$site"; mkdir -p "$site"
cp -R www/. "$site/"
cp -R pkg "$site/pkg"

# A sample archive the platform can fetch by link (the emulator's own host is on its link allow-list).
fixtures=target/fixtures
if [ ! -f "$fixtures/sample-app-1.0.0.tar.gz" ]; then
  work=$(mktemp -d)
  mkdir -p "$work/sample-app" "$fixtures"
  printf 'spec_version: 2\napp_version: "1.0.0"\napp:\n  region: default\n  bk_app_code: sample-app\n  bk_app_name: Sample app\nmodules:\n  default:\n    is_default: true\n    source_dir: src\n    language: Python\n' > "$work/sample-app/app_desc.yaml"
  mkdir -p "$work/sample-app/src"
  printf 'print("hello from sample-app")\n' > "$work/sample-app/src/app.py"
  tar -czf "$fixtures/sample-app-1.0.0.tar.gz" -C "$work/sample-app" .
  rm -rf "$work"
fi

data=target/emulator-data
mkdir -p "$data"
port=${PORT:-8080}
log "starting the emulator on port $port"
./target/release/bkpaas-emulator --port "$port" --www "$site" --data-dir "$data" --fixtures "$fixtures" &
emu=$!
stop() { kill -TERM "$emu" 2>/dev/null || true; wait "$emu" 2>/dev/null || true; }
trap 'stop; exit 0' INT TERM
trap stop EXIT

for _ in $(seq 1 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
  kill -0 "$emu" 2>/dev/null || { log "the emulator exited"; exit 1; }
  sleep 0.2
done
cat <<MSG

  bkpaas-upload demo:  http://127.0.0.1:$port/
  gateway root:        http://127.0.0.1:$port/api/bkpaas3   (stage prod, any app code and module)
  access token:        dev-token
  sample link:         http://127.0.0.1:$port/_emulator/fixtures/sample-app-1.0.0.tar.gz

  Press Ctrl-C to stop.

MSG
wait "$emu"
