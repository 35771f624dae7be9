// bkpaas-upload/sha256: streaming SHA-256 (sha256/ crate), built to pkg/sha256/ with its own wasm and worker.
// Unlike the other crates it is compiled with wasm SIMD (sha2's simd128 backend: faster hashing), in its own
// target folder so the flag does not rebuild or touch the core. Every browser with wasm SIMD runs it (Chrome 91,
// Firefox 89, Safari 16.4).
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const features = ['--enable-simd', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];

export default async function build({ root, bundle, run }) {
  const targetDir = join(root, 'target', 'wasm-simd');
  run('cargo', ['build', '--lib', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm', '-p', 'bkpaas-sha256',
    '--target-dir', targetDir], { env: { ...process.env, RUSTFLAGS: '-C target-feature=+simd128' } });
  const out = join(root, 'target', 'wasm-bindgen', 'bkpaas_sha256');
  rmSync(out, { recursive: true, force: true });
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, '--out-name', 'bkpaas_sha256',
    join(targetDir, 'wasm32-unknown-unknown', 'wasm', 'bkpaas_sha256.wasm')]);
  const dest = join(root, 'pkg', 'sha256');
  mkdirSync(dest, { recursive: true });
  const wasm = join(dest, 'bkpaas_sha256_bg.wasm');
  run(join(root, 'node_modules', '.bin', 'wasm-opt'), ['-Oz', ...features, '--strip-debug', '--strip-producers',
    join(out, 'bkpaas_sha256_bg.wasm'), '-o', wasm]);
  await bundle('js/sha256/index.js', 'pkg/sha256/index.js');
  // The worker imports the entry at run time rather than carrying a second copy of it.
  await bundle('js/sha256/worker.js', 'pkg/sha256/worker.js', { external: ['./index.js'] });
  copyFileSync(join(root, 'js', 'sha256', 'index.d.ts'), join(dest, 'index.d.ts'));
}
