// bkpaas-upload/sha256: streaming SHA-256 (sha256/ crate), built to pkg/sha256/ with its own wasm and worker.
// Unlike the other crates it is compiled with wasm SIMD (sha2's simd128 backend: faster hashing), in its own
// target folder so the flag does not rebuild or touch the core. Every browser with wasm SIMD runs it (Chrome 91,
// Firefox 89, Safari 16.4).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export default async function build({ root, buildWasm, bundle }) {
  const out = buildWasm('bkpaas-sha256', { simd: true });
  const dest = join(root, 'pkg', 'sha256');
  mkdirSync(dest, { recursive: true });
  copyFileSync(join(out, 'bkpaas_sha256_bg.wasm'), join(dest, 'bkpaas_sha256_bg.wasm'));
  await bundle('js/sha256/index.js', 'pkg/sha256/index.js', { node: true });
  // The worker imports the entry at run time rather than carrying a second copy of it.
  await bundle('js/sha256/worker.js', 'pkg/sha256/worker.js', { external: ['./index.js'] });
  copyFileSync(join(root, 'js', 'sha256', 'index.d.ts'), join(dest, 'index.d.ts'));
}
