// 1. Size: the core and each entry as shipped (gzip -9, brotli), the compared libraries as bundled, and what the
// core wasm is made of (twiggy).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { measure } from '../../scripts/size.mjs';
import { root, site, rel, log } from '../lib/context.mjs';
import { libs } from '../lib/site.mjs';

export const inputs = [];

export default async function size() {
  log('size');
  const p = (f) => rel(join(site, 'pkg', f));
  const others = libs.map((l) => ({ ...l, size: measure([rel(join(site, 'lib', (l.file || l.name) + '.js'))]) }));
  let twiggy;
  try {
    twiggy = execFileSync('bash', ['scripts/twiggy.sh', '15'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    twiggy = 'twiggy failed: ' + (e.stderr || e.message);
  }
  return {
    core: measure([p('bkpaas_upload_bg.wasm'), p('index.js')]),
    coreWasm: measure([p('bkpaas_upload_bg.wasm')]),
    coreJs: measure([p('index.js')]),
    element: measure([p('element/index.js')]),
    inspect: measure([p('inspect/index.js'), p('inspect/bkpaas_inspect_bg.wasm')]),
    sha: measure([p('sha256/index.js'), p('sha256/worker.js'), p('sha256/bkpaas_sha256_bg.wasm')]),
    others,
    twiggy,
  };
}
