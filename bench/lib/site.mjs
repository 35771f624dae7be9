// The site the emulator serves (--www) to the bench page: a snapshot of pkg/ (other builds may rewrite pkg/ while
// we run), bench/site/ (the page), and the compared libraries bundled as their users would ship them.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { root, work, site, filesDir, log } from './context.mjs';
import { smallTar } from './files.mjs';

export const pkgFiles = ['index.js', 'bkpaas_upload_bg.wasm', 'element/index.js', 'inspect/index.js',
  'inspect/bkpaas_inspect_bg.wasm', 'sha256/index.js', 'sha256/worker.js', 'sha256/bkpaas_sha256_bg.wasm'];
// BKPAAS_PKG_DIR measures another build (as the tests do).
const pkgDir = process.env.BKPAAS_PKG_DIR || join(root, 'pkg');

/** The compared libraries: `bench/entries/<file>.js` is what each one's user ships. */
export const libs = [
  { name: 'tus-js-client', pkgs: ['tus-js-client'] },
  { name: '@uppy/core + @uppy/xhr-upload', file: 'uppy', pkgs: ['@uppy/core', '@uppy/xhr-upload'] },
  { name: 'dropzone', pkgs: ['dropzone'] },
  { name: 'ky', pkgs: ['ky'] },
];

async function snapshotPkg() {
  // scripts/bench.sh has just built pkg/; when another build is rewriting it right now, wait for it (up to 3 min).
  for (let waited = 0; ; waited += 5) {
    const missing = pkgFiles.filter((f) => !existsSync(join(pkgDir, f)));
    if (!missing.length) {
      rmSync(join(site, 'pkg'), { recursive: true, force: true });
      cpSync(pkgDir, join(site, 'pkg'), { recursive: true });
      if (pkgFiles.every((f) => existsSync(join(site, 'pkg', f)))) return;
    }
    if (waited >= 180) throw new Error(`${pkgDir} is incomplete (missing ${missing.join(', ')}): run node scripts/build.mjs`);
    if (!waited) log(`${pkgDir} is incomplete (another build running?): waiting`);
    await new Promise((r) => setTimeout(r, 5000));
  }
}

async function bundleLibs() {
  mkdirSync(join(site, 'lib'), { recursive: true });
  for (const f of readdirSync(join(root, 'bench', 'entries'))) {
    // esbuild --bundle --minify --format=esm, nothing else.
    await esbuild.build({ entryPoints: [join(root, 'bench', 'entries', f)], outfile: join(site, 'lib', f),
      bundle: true, minify: true, format: 'esm', platform: 'browser', logLevel: 'warning' });
  }
}

/** A fresh target/bench/ with the site and the small tar every part warms up with; returns the small tar's path. */
export async function prepareSite() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(filesDir, { recursive: true });
  cpSync(join(root, 'bench', 'site'), site, { recursive: true });
  await snapshotPkg();
  await bundleLibs();
  smallTar(join(site, 'small.tar'));
  return smallTar(join(filesDir, 'bench-0.0.1.tar'));
}
