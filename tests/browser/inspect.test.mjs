// inspectPackage() on a strict-CSP page, files picked through <input type=file>: every archive type with
// app_desc.yaml first, last, one folder down and missing, spec 2 and 3; damaged and mislabelled files; and a
// 300 MiB archive inspected with the wasm memory growing by less than 1 MiB.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, copyFileSync, truncateSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openPreflightPage, writeRandomFile } from '../fixtures/preflight/site.mjs';

const APP_DESC = {
  2: 'spec_version: 2\napp_version: "2.1.0"  # the version\napp:\n  bk_app_code: demo\nmodules:\n  default:\n    is_default: true\n    source_dir: src\n  worker:\n    source_dir: worker\n',
  3: 'specVersion: 3\nappVersion: 3.0.1\napp:\n  bkAppCode: demo\nmodules:\n  - name: default\n    isDefault: true\n    sourceDir: src\n  - name: worker\n    sourceDir: worker\n',
};
const VERSION = { 2: '2.1.0', 3: '3.0.1' };
// Member order in the archive, and where app_desc.yaml is.
const LAYOUTS = {
  first: { members: ['app_desc.yaml', 'filler.bin', 'src'], path: 'app_desc.yaml' },
  last: { members: ['filler.bin', 'src', 'app_desc.yaml'], path: 'app_desc.yaml' },
  nested: { members: ['pkg'], path: 'pkg/app_desc.yaml' },
  missing: { members: ['filler.bin', 'src', 'deep'], path: null },
};
const KINDS = { tar: ['-cf'], 'tar.gz': ['-czf'] };

let site, tmp;
const cases = [];

/** A source tree for spec `spec`: app_desc.yaml at the root, in pkg/, and two folders down in deep/a/. */
function stage(spec) {
  const dir = join(tmp, `stage-${spec}`);
  for (const d of ['src', 'pkg/src', 'deep/a']) mkdirSync(join(dir, d), { recursive: true });
  for (const d of ['', 'pkg', 'deep/a']) writeFileSync(join(dir, d, 'app_desc.yaml'), APP_DESC[spec]);
  writeFileSync(join(dir, 'src', 'app.py'), 'print("hi")\n');
  writeRandomFile(join(dir, 'filler.bin'), 512 * 1024);
  copyFileSync(join(dir, 'filler.bin'), join(dir, 'pkg', 'filler.bin'));
  return dir;
}

function archive(dir, kind, members, name) {
  const out = join(tmp, name);
  if (kind === 'zip') execFileSync('zip', ['-q', '-r', '-X', out, ...members], { cwd: dir });
  else execFileSync('tar', [...KINDS[kind], out, '-C', dir, ...members]);
  return out;
}

before(async () => {
  site = await openPreflightPage('inspect-');
  tmp = join(site.dir, 'archives');
  mkdirSync(tmp);
  for (const spec of [2, 3]) {
    const dir = stage(spec);
    for (const kind of ['tar', 'tar.gz', 'zip']) {
      for (const [layout, { members, path }] of Object.entries(LAYOUTS)) {
        const name = `v${spec}-${layout}.${kind}`;
        cases.push({ file: archive(dir, kind, members, name), name, kind, spec, path });
      }
    }
  }
});

after(async () => {
  await site?.close();
});

async function inspectFiles(paths) {
  await site.pick(paths);
  const results = await site.page.evaluate(() => globalThis.preflight.inspectAll());
  return Object.fromEntries(results.map((r) => [r.name, r]));
}

test('tar, tar.gz and zip: app_desc.yaml first, last, one folder down, missing; spec 2 and 3', async () => {
  const results = await inspectFiles(cases.map((c) => c.file));
  for (const c of cases) {
    const r = results[c.name];
    assert.equal(r.type, c.kind, c.name);
    if (c.path) {
      assert.deepEqual(r, {
        name: c.name, type: c.kind, appDescPath: c.path, specVersion: c.spec, appVersion: VERSION[c.spec],
        modules: ['default', 'worker'], warnings: [], messages: [],
      }, c.name);
    } else {
      assert.equal(r.appDescPath, null, c.name);
      assert.deepEqual(r.warnings, ['no-app-desc'], c.name);
      assert.equal(r.messages.length, 1);
    }
  }
  await site.watch.assertClean();
});

test('a ./-prefixed tar.gz, bzip2 and xz, and spec and version problems', async () => {
  const dir = join(tmp, 'stage-3');
  const dotted = join(tmp, 'dotted.tgz');
  execFileSync('tar', ['-czf', dotted, '-C', dir, '.']);
  const bz2 = join(tmp, 'p.tar.bz2');
  execFileSync('tar', ['-cjf', bz2, '-C', dir, 'app_desc.yaml']);
  const xz = join(tmp, 'p.tar.xz');
  execFileSync('tar', ['-cJf', xz, '-C', dir, 'app_desc.yaml']);
  const odd = join(tmp, 'odd');
  mkdirSync(odd);
  writeFileSync(join(odd, 'app_desc.yaml'), 'spec_version: 1\napp_version: 1\n');
  const oddSpec = archive(odd, 'zip', ['app_desc.yaml'], 'odd-spec.zip');
  writeFileSync(join(odd, 'app_desc.yaml'), 'specVersion: 3\napp_version: "1.0"  # the v2 key: not read with spec 3\n');
  const noVersion = archive(odd, 'tar.gz', ['app_desc.yaml'], 'no-version.tar.gz');

  const r = await inspectFiles([dotted, bz2, xz, oddSpec, noVersion]);
  assert.equal(r['dotted.tgz'].appDescPath, './app_desc.yaml');
  assert.equal(r['dotted.tgz'].appVersion, '3.0.1');
  assert.deepEqual(r['dotted.tgz'].warnings, []);
  for (const [name, type] of [['p.tar.bz2', 'tar.bz2'], ['p.tar.xz', 'tar.xz']]) {
    assert.equal(r[name].type, type);
    assert.deepEqual(r[name].warnings, ['not-inspected']);
  }
  assert.equal(r['odd-spec.zip'].specVersion, 1);
  assert.equal(r['odd-spec.zip'].appVersion, null);
  assert.deepEqual(r['odd-spec.zip'].warnings, ['unknown-spec-version']);
  assert.equal(r['no-version.tar.gz'].specVersion, 3);
  assert.deepEqual(r['no-version.tar.gz'].warnings, ['no-app-version']);
  await site.watch.assertClean();
});

test('damaged, mislabelled and non-archive files give warnings, not failures', async () => {
  const src = (name) => cases.find((c) => c.name === name).file;
  const cut = join(tmp, 'cut.tar.gz');
  copyFileSync(src('v2-last.tar.gz'), cut);
  truncateSync(cut, Math.floor(statSync(cut).size / 2));
  const cutZip = join(tmp, 'cut.zip');
  copyFileSync(src('v2-last.zip'), cutZip);
  truncateSync(cutZip, statSync(cutZip).size - 30);
  const garbled = join(tmp, 'garbled.tar');
  const bytes = readFileSync(src('v3-last.tar'));
  bytes.fill(0x78, 0, 100);
  writeFileSync(garbled, bytes);
  const text = join(tmp, 'notes.txt');
  writeFileSync(text, 'not an archive at all\n'.repeat(100));
  const empty = join(tmp, 'empty.tar.gz');
  writeFileSync(empty, '');
  const mislabelled = join(tmp, 'mislabelled.zip');
  copyFileSync(src('v3-first.tar.gz'), mislabelled);

  const r = await inspectFiles([cut, cutZip, garbled, text, empty, mislabelled]);
  for (const [name, type] of [['cut.tar.gz', 'tar.gz'], ['cut.zip', 'zip'], ['garbled.tar', 'tar']]) {
    assert.equal(r[name].type, type, name);
    assert.deepEqual(r[name].warnings, ['corrupt'], name);
    assert.match(r[name].messages[0], /damaged \(.+\)/, name);
  }
  for (const name of ['notes.txt', 'empty.tar.gz']) {
    assert.equal(r[name].type, null, name);
    assert.deepEqual(r[name].warnings, ['not-archive'], name);
  }
  assert.equal(r['mislabelled.zip'].type, 'tar.gz');
  assert.equal(r['mislabelled.zip'].appVersion, '3.0.1');
  assert.deepEqual(r['mislabelled.zip'].warnings, ['name-mismatch']);
  await site.watch.assertClean();
});

test('300 MiB archives (tar, tar.gz, zip; app_desc.yaml last) in constant memory', { timeout: 240_000 }, async () => {
  const big = join(tmp, 'big');
  mkdirSync(big);
  writeRandomFile(join(big, 'filler.bin'), 300 << 20);
  writeFileSync(join(big, 'app_desc.yaml'), APP_DESC[2]);
  const tar = archive(big, 'tar', ['filler.bin', 'app_desc.yaml'], 'big.tar');
  const gz = join(tmp, 'big.tar.gz');
  execFileSync('sh', ['-c', 'tar -cf - -C "$1" filler.bin app_desc.yaml | gzip -1 > "$2"', 'sh', big, gz]);
  const zip = join(tmp, 'big.zip');
  execFileSync('zip', ['-q', '-0', '-X', zip, 'filler.bin', 'app_desc.yaml'], { cwd: big });

  // The baseline: the module loaded and one small archive of each kind inspected.
  await inspectFiles(['v2-last.tar', 'v2-last.tar.gz', 'v2-last.zip'].map((n) => cases.find((c) => c.name === n).file));
  const before = await site.page.evaluate(() => globalThis.preflight.memory());
  assert.ok(before > 0);

  for (const file of [tar, gz, zip]) {
    assert.ok(statSync(file).size >= 300 << 20);
    await site.pick([file]);
    const started = Date.now();
    const r = await site.page.evaluate(() => globalThis.preflight.inspect(0));
    const ms = Date.now() - started;
    assert.equal(r.appVersion, '2.1.0', file);
    assert.deepEqual(r.warnings, [], file);
    const grown = (await site.page.evaluate(() => globalThis.preflight.memory())) - before;
    console.log(`# ${file.split('/').pop()}: ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB inspected in ${ms} ms, wasm memory +${grown} B`);
    assert.ok(grown < 1 << 20, `wasm memory grew by ${grown} bytes`);
  }
  await site.watch.assertClean();
});
