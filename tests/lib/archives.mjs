// Test material: real source-package archives (tar via child_process) and the served site (www/ + pkg/).
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './emulator.mjs';

export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/**
 * One tar header block (the only JS that builds them: tests and benchmarks use it): POSIX ustar by default, or an
 * old v7 header (no magic, typeflag NUL) with `{ustar: false}`; the checksum is six octal digits, NUL, space.
 * @returns {Buffer} 512 bytes
 */
export function tarHeader(name, size, { ustar = true, typeflag = '0', mtime = 0 } = {}) {
  const h = Buffer.alloc(512);
  const put = (off, len, s) => h.write(s, off, len, 'ascii');
  const oct = (n, len) => n.toString(8).padStart(len - 1, '0') + '\0';
  if (Buffer.byteLength(name) > 100) throw new Error(`tar name over 100 bytes: ${name}`);
  h.write(name, 0, 100, 'utf8');
  put(100, 8, oct(0o644, 8));
  put(108, 8, oct(0, 8));
  put(116, 8, oct(0, 8));
  put(124, 12, oct(size, 12));
  put(136, 12, oct(mtime, 12));
  put(148, 8, '        ');
  if (ustar) {
    put(156, 1, typeflag);
    put(257, 6, 'ustar\0');
    put(263, 2, '00');
  }
  let sum = 0;
  for (const b of h) sum += b;
  put(148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

/** A whole tar of `[name, content]` entries (content a string or bytes), with its two end-of-archive blocks. */
export function tarArchive(entries, options) {
  const parts = [];
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    parts.push(tarHeader(name, data.length, options), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

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
