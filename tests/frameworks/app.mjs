// The framework examples (examples/vue, examples/react) as a user gets them: the package packed into a tarball,
// the example copied to a fresh folder under target/tmp, its own deps installed from its lock (`npm ci`) and the
// tarball installed on top (`npm install <tarball>`). One install per test file; the folder goes with cleanup().
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../lib/emulator.mjs';
import { tempDir } from '../lib/archives.mjs';

const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
function npm(args, cwd) {
  try {
    return execFileSync('npm', args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  } catch (e) {
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}`);
  }
}

/** Runs `fn` holding a lock folder: test files that run at once must not build pkg/ together (the build empties it). */
function withLock(lock, fn) {
  mkdirSync(join(lock, '..'), { recursive: true });
  for (;;) {
    try { mkdirSync(lock); break; } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      // A lock older than 15 minutes was left by a killed run.
      try { if (Date.now() - statSync(lock).mtimeMs > 15 * 60e3) rmSync(lock, { recursive: true, force: true }); } catch { /* gone */ }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try { return fn(); } finally { rmSync(lock, { recursive: true, force: true }); }
}

/** `npm pack` of the built package (builds pkg/ first when it is missing); BKPAAS_TARBALL names another tarball. */
export function packTarball(dest) {
  if (process.env.BKPAAS_TARBALL) return process.env.BKPAAS_TARBALL;
  if (!existsSync(join(root, 'pkg', 'element', 'index.js'))) withLock(join(root, 'target', 'tmp', 'pkg-build.lock'), () => {
    // Another test file may have built it while this one waited.
    if (!existsSync(join(root, 'pkg', 'element', 'index.js'))) execFileSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  });
  mkdirSync(dest, { recursive: true });
  const name = npm(['pack', '--silent', '--pack-destination', dest], root).trim().split('\n').pop();
  return join(dest, name);
}

/** Copies examples/<name> (without node_modules, dist, tarballs) and installs it. Returns its folder and cleanup(). */
export function installExample(name) {
  const tmp = tempDir(`${name}-example-`);
  const tarball = packTarball(join(tmp, 'pack'));
  const dir = join(tmp, name);
  const src = join(root, 'examples', name);
  cpSync(src, dir, {
    recursive: true,
    filter: (p) => !/[\\/](node_modules|dist)$/.test(p) && !p.endsWith('.tgz'),
  });
  npm(['ci', ...quiet], dir);
  npm(['install', ...quiet, tarball], dir);
  return { dir, tarball, cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

/** `npm run build` (the type check, then `vite build`); returns the dist folder. */
export function buildExample(dir) {
  npm(['run', 'build', '--silent'], dir);
  const dist = join(dir, 'dist');
  if (!readdirSync(dist).includes('index.html')) throw new Error(`no index.html in ${dist}`);
  return dist;
}
