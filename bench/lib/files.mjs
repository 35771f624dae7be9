// Benchmark inputs under target/bench/files/. The big uploads are plain ustar archives whose one member is mostly
// zeros: a valid archive (the package's magic-byte check and the emulator's tar walk accept it), different bytes per
// file (a random 64 KiB head), written sparse so creating a GiB costs nothing. Nothing is compressed in transit, so
// zeros cost the browser, the network stack and the server exactly what random bytes would.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, openSync, writeSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tarHeader } from '../../tests/lib/archives.mjs';

/** A ustar archive of `size` total bytes (one member), sparse after a random head. Returns its path. */
export function bigTar(path, size) {
  const member = size - 512 - 1024; // header + end-of-archive blocks
  if (member % 512) throw new Error('size must be a multiple of 512');
  const fd = openSync(path, 'w');
  writeSync(fd, tarHeader('blob.bin', member, { mtime: Math.floor(Date.now() / 1000) }), 0, 512, 0);
  const head = Math.min(64 * 1024, member);
  writeSync(fd, randomBytes(head), 0, head, 512);
  ftruncateSync(fd, size); // the rest of the member and the two zero blocks: zeros
  closeSync(fd);
  return path;
}

/**
 * A gzip tar of about `textBytes` of base64 text (compresses like source code does, so inflating is real work) with
 * app_desc.yaml as its first or its last member.
 */
export function inspectArchive(dir, name, textBytes, appDescFirst) {
  const src = join(dir, 'inspect-src');
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'app_desc.yaml'), 'spec_version: 2\napp_version: "1.0.0"\napp:\n  bk_app_code: bench\n  bk_app_name: bench\nmodules:\n  default:\n    is_default: true\n    source_dir: src\n    language: Python\n');
  const parts = 4;
  const members = [];
  for (let i = 0; i < parts; i++) {
    writeFileSync(join(src, `data${i}.txt`), randomBytes(Math.ceil(textBytes / parts * 3 / 4)).toString('base64'));
    members.push(`data${i}.txt`);
  }
  const order = appDescFirst ? ['app_desc.yaml', ...members] : [...members, 'app_desc.yaml'];
  const path = join(dir, name);
  execFileSync('bash', ['-c', `tar -cf - -C "$1" "\${@:3}" | gzip -1 > "$2"`, 'tar', src, path, ...order]);
  rmSync(src, { recursive: true, force: true });
  return path;
}

/** A small valid tar (for warm-ups and start-up runs). */
export function smallTar(path) {
  return bigTar(path, 512 + 1024 + 4096 * 16);
}
