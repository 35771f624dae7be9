// `npm run build`: builds the npm package into pkg/.
//   pkg/index.js + pkg/bkpaas_upload_bg.wasm   the core (uploadFile, uploadLink, Client, UploadError)
//   pkg/<entry>/...                             optional entry points, each its own files (element, inspect, sha256)
//   pkg/**/index.node.js                        the same entries for Node, Deno and Bun (package.json's `node`
//                                               condition): they read their wasm from disk and never fetch
// Each wasm crate: cargo (profile `wasm`, tuned for size) -> wasm-bindgen --target web -> wasm-opt -> short names
// (scripts/wasm-names.mjs). Each JS entry is bundled and minified by esbuild; the wasm is loaded by js/loader.js with
// `new URL(..., import.meta.url)`, which Vite and webpack follow without configuration and which works as is in a page.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, copyFileSync, statSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { renameWasm, exposeInstantiation } from './wasm-names.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });

// The features rustc enables by default for wasm32-unknown-unknown; wasm-opt must accept them. (Reference types stay:
// wasm-bindgen 0.2.130 no longer has the JS-array fallback for JS values without them.)
const wasmFeatures = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];

/**
 * Builds one wasm crate into target/wasm-bindgen/<name>/ and returns that folder. `keep`: exports that keep their
 * names (the public ones); every other import and export gets a short name. `simd`: with wasm SIMD (sha256).
 */
export function buildWasm(pkgName, { keep = [], simd = false } = {}) {
  const lib = pkgName.replaceAll('-', '_');
  // SIMD in its own target folder, so the flag does not rebuild the others.
  const targetDir = join(root, 'target', simd ? 'wasm-simd' : '');
  const env = simd ? { ...process.env, RUSTFLAGS: '-C target-feature=+simd128' } : process.env;
  run('cargo', ['build', '--lib', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm', '-p', pkgName, '--target-dir', targetDir], { env });
  const out = join(root, 'target', 'wasm-bindgen', lib);
  rmSync(out, { recursive: true, force: true });
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, '--out-name', lib,
    join(targetDir, 'wasm32-unknown-unknown', 'wasm', lib + '.wasm')]);
  const wasm = join(out, lib + '_bg.wasm');
  // -ocimfs 20: binaryen inlines functions with one caller without limit, which duplicates shared code paths.
  run(bin('wasm-opt'), ['-Oz', '--converge', '-ocimfs', '20', '--zero-filled-memory', ...wasmFeatures,
    ...(simd ? ['--enable-simd'] : []), '--strip-debug', '--strip-producers', wasm, '-o', wasm]);
  renameWasm(wasm, join(out, lib + '.js'), { keep });
  exposeInstantiation(join(out, lib + '.js'));
  return out;
}

// In Node builds, the wasm source reads files; entries loaded lazily at run time point at their Node builds too.
const nodeSource = {
  name: 'node-source',
  setup(build) {
    build.onResolve({ filter: /\/source\.js$/ }, (args) => ({ path: join(args.resolveDir, 'node', 'source.js') }));
    build.onResolve({ filter: /^\.\/sha256\/index\.js$/ }, () => ({ path: './sha256/index.node.js', external: true }));
  },
};

// The wasm imports js/errors.js (its `uploadError`) as a wasm-bindgen snippet: bundle the one copy the entry imports.
const oneErrorModule = {
  name: 'one-error-module',
  setup(build) {
    build.onResolve({ filter: /snippets\/.*\/js\/errors\.js$/ }, () => ({ path: join(root, 'js', 'errors.js') }));
  },
};

// The platform's rules the JS needs, read from their one definition in the rules crate (rules/src/) and put into
// the bundles as constants: `__RULES__.defaultMaxSize` (bytes) and `__RULES__.extensions` (longest first).
function rules() {
  const limits = readFileSync(join(root, 'rules', 'src', 'limits.rs'), 'utf8');
  const m = /pub const DEFAULT_MAX_SIZE: u64 = (\d+) << (\d+);/.exec(limits);
  const archive = readFileSync(join(root, 'rules', 'src', 'archive.rs'), 'utf8');
  const list = /pub const EXTENSIONS: \[\(&str, Kind\); \d+\] = \[([^\]]*)\];/.exec(archive);
  if (!m || !list) throw new Error('build: DEFAULT_MAX_SIZE or EXTENSIONS not found in rules/src/');
  const extensions = [...list[1].matchAll(/\("(\.[a-z0-9.]+)",/g)].map((e) => e[1]);
  return JSON.stringify({ defaultMaxSize: Number(m[1]) * 2 ** Number(m[2]), extensions });
}
const define = { __RULES__: rules() };

/** Bundles a JS entry into pkg/<dir>/index.js (browsers) and, with `node`, index.node.js beside it; minified. */
export async function bundle(entry, outfile, { external = [], node = false } = {}) {
  const options = {
    entryPoints: [join(root, entry)], bundle: true, minify: true, format: 'esm', target: 'es2022', external,
    legalComments: 'none', logLevel: 'warning', define,
  };
  await esbuild.build({ ...options, outfile: join(root, outfile), plugins: [oneErrorModule] });
  if (node) {
    await esbuild.build({ ...options, outfile: join(root, outfile.replace(/\.js$/, '.node.js')), platform: 'node',
      plugins: [oneErrorModule, nodeSource] });
  }
}

async function core() {
  const out = buildWasm('bkpaas-upload', { keep: ['uploadFile', 'uploadLink'] });
  copyFileSync(join(out, 'bkpaas_upload_bg.wasm'), join(root, 'pkg', 'bkpaas_upload_bg.wasm'));
  // `verify` loads the sha256 entry on demand: it stays a separate file.
  await bundle('js/index.js', 'pkg/index.js', { external: ['./sha256/index.js', './texts-zh.js'], node: true });
  // The Chinese texts: loaded by the core (and so by the element) only for calls in 'zh-CN'.
  await bundle('js/texts-zh.js', 'pkg/texts-zh.js');
  copyFileSync(join(root, 'js', 'index.d.ts'), join(root, 'pkg', 'index.d.ts'));
}

const api = { root, buildWasm, bundle, run };
// Every entry of the package, in build order: the core, then the optional ones (scripts/entries/).
export const entries = [
  core,
  (await import('./entries/inspect.mjs')).default,
  (await import('./entries/sha256.mjs')).default,
  (await import('./entries/element.mjs')).default,
  (await import('../cli/build.mjs')).default,
];

if (import.meta.url === `file://${process.argv[1]}`) {
  rmSync(join(root, 'pkg'), { recursive: true, force: true });
  mkdirSync(join(root, 'pkg'), { recursive: true });
  for (const build of entries) await build(api);
  const size = (f) => statSync(join(root, 'pkg', f)).size;
  console.log(`built pkg/: index.js ${size('index.js')} B, bkpaas_upload_bg.wasm ${size('bkpaas_upload_bg.wasm')} B`);
}
