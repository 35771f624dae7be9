// `npm run build`: builds the npm package into pkg/.
//   pkg/index.js + pkg/bkpaas_upload_bg.wasm   the core (uploadFile, uploadLink, Client, UploadError)
//   pkg/<entry>/...                             optional entry points, each its own files (element, inspect, sha256)
// Each wasm crate: cargo (profile `wasm`, tuned for size) -> wasm-bindgen --target web -> wasm-opt -Oz (npm binaryen).
// Each JS entry is bundled and minified by esbuild; the wasm is loaded with `new URL(..., import.meta.url)`, which
// Vite and webpack follow without configuration and which works as is in a page.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, copyFileSync, existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });

// The features rustc enables by default for wasm32-unknown-unknown; wasm-opt must accept them.
const wasmFeatures = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];

/** Builds one wasm crate into target/wasm-bindgen/<name>/ and returns that folder. */
export function buildWasm(pkgName) {
  const lib = pkgName.replaceAll('-', '_');
  run('cargo', ['build', '--lib', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm', '-p', pkgName]);
  const out = join(root, 'target', 'wasm-bindgen', lib);
  rmSync(out, { recursive: true, force: true });
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, '--out-name', lib,
    join(root, 'target', 'wasm32-unknown-unknown', 'wasm', lib + '.wasm')]);
  const wasm = join(out, lib + '_bg.wasm');
  run(bin('wasm-opt'), ['-Oz', '--converge', '--zero-filled-memory', ...wasmFeatures, '--strip-debug', '--strip-producers', wasm, '-o', wasm]);
  return out;
}

/** Bundles a JS entry (which imports the wasm-bindgen glue) into pkg/<dir>/index.js, minified. */
export async function bundle(entry, outfile, { external = [] } = {}) {
  await esbuild.build({
    entryPoints: [join(root, entry)], outfile: join(root, outfile), bundle: true, minify: true,
    format: 'esm', target: 'es2020', external, legalComments: 'none', logLevel: 'warning',
  });
}

export const entries = [
  // The core. Its wasm sits next to index.js.
  async () => {
    const out = buildWasm('bkpaas-upload');
    copyFileSync(join(out, 'bkpaas_upload_bg.wasm'), join(root, 'pkg', 'bkpaas_upload_bg.wasm'));
    // `verify` loads the sha256 entry on demand: it stays a separate file.
    await bundle('js/index.js', 'pkg/index.js', { external: ['./sha256/index.js'] });
    copyFileSync(join(root, 'js', 'index.d.ts'), join(root, 'pkg', 'index.d.ts'));
  },
];

// Optional entries register themselves from scripts/entries/*.mjs (each exports `default async function build(api)`).
async function optionalEntries() {
  const dir = join(root, 'scripts', 'entries');
  if (!existsSync(dir)) return [];
  const { readdirSync } = await import('node:fs');
  const files = readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort();
  return Promise.all(files.map(async (f) => (await import(join(dir, f))).default));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  rmSync(join(root, 'pkg'), { recursive: true, force: true });
  mkdirSync(join(root, 'pkg'), { recursive: true });
  for (const build of [...entries, ...(await optionalEntries())]) await build({ root, buildWasm, bundle, run });
  const size = (f) => statSync(join(root, 'pkg', f)).size;
  console.log(`built pkg/: index.js ${size('index.js')} B, bkpaas_upload_bg.wasm ${size('bkpaas_upload_bg.wasm')} B`);
}
