// The package as a project installs it (package.json + pkg/ in node_modules/bkpaas-upload), imported by name and
// used to upload a file from disk in Node, Deno 2 and Bun 1 (from their npm packages, dev dependencies here).
// The emulator stores exactly the bytes on disk, which also proves a Content-Length was sent: a chunked body
// would reach the apiserver's multipart parser as an empty form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, root } from '../lib/emulator.mjs';
import { makeArchive, tempDir, storedBytes, pkgDir } from '../lib/archives.mjs';

const bin = (name) => join(root, 'node_modules', '.bin', name);
const RUNTIMES = {
  node: [process.execPath],
  deno: [bin('deno'), 'run', '--allow-read', '--allow-net', '--allow-env'],
  bun: [bin('bun'), 'run'],
};

let emu;
let project;
before(async () => {
  emu = await startEmulator();
  project = tempDir('runtimes-');
  const installed = join(project, 'node_modules', 'bkpaas-upload');
  mkdirSync(installed, { recursive: true });
  cpSync(join(pkgDir, '..', 'package.json'), join(installed, 'package.json')); // the package.json beside that pkg/
  cpSync(pkgDir, join(installed, 'pkg'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module',
    dependencies: { 'bkpaas-upload': '*' } }));
  cpSync(join(root, 'tests', 'node', 'fixtures', 'import-upload.mjs'), join(project, 'import-upload.mjs'));
});
after(async () => {
  await emu?.stop();
  if (project) rmSync(project, { recursive: true, force: true });
});

for (const [name, command] of Object.entries(RUNTIMES)) {
  test(`${name}: import { uploadFile } from 'bkpaas-upload' uploads a file from disk`, () => {
    assert.ok(existsSync(command[0]), `${command[0]} is installed (npm install)`);
    const archive = makeArchive(project, { name: `${name}-app-1.0.0.tar.gz`, version: '1.0.0', padding: 256 * 1024 });
    const r = spawnSync(command[0], [...command.slice(1), 'import-upload.mjs'], {
      cwd: project, encoding: 'utf8', timeout: 60000,
      env: { PATH: process.env.PATH, HOME: project, BASE_URL: emu.url, TOKEN: emu.token, FILE: archive.path, APP: `${name}-app`,
        DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    });
    assert.equal(r.status, 0, `${name} exited ${r.status}:\n${r.stderr}\n${r.stdout}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop());
    assert.equal(out.pkg.version, '1.0.0');
    assert.equal(out.pkg.sha256Signature, archive.sha256);
    assert.equal(out.pkg.packageSize, archive.bytes.length);
    assert.deepEqual(out.error, { isUploadError: true, kind: 'gateway', code: 1640001 });
    return storedBytes(emu.origin, `${name}-app`, 'default', '1.0.0').then((bytes) => assert.deepEqual(bytes, archive.bytes));
  });
}
