// Test material: real source-package archives (tar via child_process) and the served site (www/ + pkg/).
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './emulator.mjs';

export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** A fresh folder under target/tmp/ (removed by `cleanup()`). */
export function tempDir(prefix = 'test-') {
  const base = join(root, 'target', 'tmp');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, prefix));
}

/**
 * Builds `<dir>/<name>`: a gzip tar with an `app_desc.yaml` (spec 2, `app_version: version`) and a small source
 * tree; `padding` adds that many random (incompressible) bytes, to make an upload last.
 * @returns {{path: string, name: string, bytes: Buffer, sha256: string}}
 */
export function makeArchive(dir, { name = 'demo-app-1.0.0.tar.gz', version = '1.0.0', appCode = 'demo-app', padding = 0 } = {}) {
  const src = mkdtempSync(join(dir, 'src-'));
  writeFileSync(join(src, 'app_desc.yaml'), [
    'spec_version: 2',
    `app_version: "${version}"`,
    'app:',
    `  bk_app_code: ${appCode}`,
    `  bk_app_name: ${appCode}`,
    'modules:',
    '  default:',
    '    is_default: true',
    '    source_dir: src',
    '    language: Python',
    '',
  ].join('\n'));
  mkdirSync(join(src, 'src'));
  writeFileSync(join(src, 'src', 'app.py'), `print("hello from ${appCode} ${version}")\n`);
  if (padding) writeFileSync(join(src, 'src', 'blob.bin'), randomBytes(padding));
  const path = join(dir, name);
  execFileSync('tar', ['-czf', path, '-C', src, '.']);
  rmSync(src, { recursive: true, force: true });
  const bytes = readFileSync(path);
  return { path, name, bytes, sha256: sha256(bytes) };
}

/** The built package (BKPAAS_PKG_DIR tests another build). */
export const pkgDir = process.env.BKPAAS_PKG_DIR || join(root, 'pkg');

/** Copies the built pkg/ into `dest/pkg`, and www/ into `dest` unless `www` is false. */
export function assembleSite(dest, { www = true } = {}) {
  if (!existsSync(join(pkgDir, 'element', 'index.js'))) throw new Error(`${pkgDir} is not built: run node scripts/build.mjs`);
  mkdirSync(dest, { recursive: true });
  if (www) cpSync(join(root, 'www'), dest, { recursive: true });
  cpSync(pkgDir, join(dest, 'pkg'), { recursive: true });
  return dest;
}

/** Fetches what the emulator stored for a version (`/_emulator/packages/{app}/{module}/{version}`). */
export async function storedBytes(origin, app, module, version) {
  const res = await fetch(`${origin}/_emulator/packages/${encodeURIComponent(app)}/${encodeURIComponent(module)}/${encodeURIComponent(version)}`);
  if (!res.ok) throw new Error(`no stored package ${app}/${module}/${version}: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}
