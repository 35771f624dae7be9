// Copies the built package (pkg/index.js + pkg/bkpaas_upload_bg.wasm, from `node scripts/build.mjs` or from
// node_modules/bkpaas-upload/pkg) into vendor/bkpaas-upload/, where the extension loads it from its own files.
// Usage: node examples/extension/build.mjs [path/to/pkg]
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Copies the core files of `pkgDir` into this extension's vendor folder; returns that folder. */
export function vendor(pkgDir = join(here, '..', '..', 'pkg'), dest = join(here, 'vendor', 'bkpaas-upload')) {
  mkdirSync(dest, { recursive: true });
  for (const f of ['index.js', 'bkpaas_upload_bg.wasm', 'index.d.ts']) {
    const src = join(pkgDir, f);
    if (!existsSync(src)) {
      if (f === 'index.d.ts') continue;
      throw new Error(`${src} is missing: build the package first (node scripts/build.mjs) or pass its pkg/ folder`);
    }
    copyFileSync(src, join(dest, f));
  }
  return dest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dest = vendor(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`copied the package into ${dest}; load ${here} with "Load unpacked" in chrome://extensions`);
}
