#!/usr/bin/env node
// `bkpaas-upload`: uploads a source package to BlueKing PaaS v3 from a pipeline. See README "From a pipeline".
// The flow is loaded dynamically so that a broken install (a missing dependency, a wasm that cannot load) still
// ends with one readable line and exit code 1, not a stack trace.
import { setFlagsFromString } from 'node:v8';

// Wasm compiles with V8's baseline compiler only: Node's fetch parses HTTP with a wasm build of llhttp, whose
// optimized compile alone costs ~29 MiB of memory, and no wasm here does per-byte work on the file.
setFlagsFromString('--liftoff-only');

let code;
try {
  const { main } = await import('./main.mjs');
  code = await main({
    argv: process.argv.slice(2), env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr,
    onSignal: (name, fn) => process.on(name, fn),
  });
} catch (e) {
  process.stderr.write(`bkpaas-upload: ${(e && e.message) || e}\n`);
  code = 1;
}
// Let stdout drain (a pipe), then leave: a pending timer or socket must not hold the pipeline.
process.exitCode = code;
process.stdout.write('', () => process.exit(code));
