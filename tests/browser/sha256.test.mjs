// sha256() and hashInWorker() on a strict-CSP page (Trusted Types on): known vectors, and a 200 MiB file picked
// through <input type=file> equal to `sha256sum`, in the page, in the worker, and without Worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPreflightPage, writeRandomFile } from '../fixtures/preflight/site.mjs';

let site;
before(async () => {
  site = await openPreflightPage('sha256-');
});
after(async () => {
  await site?.close();
});

const sha256sum = (path) => execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0];

test('known vectors', async () => {
  const of = (text, repeat) => site.page.evaluate(([t, r]) => globalThis.preflight.sha256Of(t, r), [text, repeat]);
  assert.equal(await of(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(await of('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(await of('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  // One million 'a': several 1 MiB reads.
  assert.equal(await of('a', 1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  assert.equal(await of('a', 3 << 20), sha256Text('a'.repeat(3 << 20)));
  await site.watch.assertClean();
});

function sha256Text(text) {
  const path = join(site.dir, 'text.bin');
  writeFileSync(path, text);
  return sha256sum(path);
}

test('a 200 MiB file: in the page, in a worker, and where Worker does not exist', { timeout: 180_000 }, async () => {
  const path = join(site.dir, 'big.bin');
  writeRandomFile(path, (200 << 20) + 12345);
  const want = sha256sum(path);
  await site.pick([path]);
  const workers = [];
  site.page.on('worker', (w) => workers.push(w.url()));
  for (const how of ['sha256', 'hashInWorker']) {
    const started = Date.now();
    const { hex, progress } = await site.page.evaluate((h) => globalThis.preflight[h](0), how);
    const ms = Date.now() - started;
    console.log(`# ${how}: 200 MiB in ${ms} ms (${(200 / (ms / 1000)).toFixed(0)} MiB/s)`);
    assert.equal(hex, want, how);
    assert.equal(progress.length, 201, how);
    assert.deepEqual(progress.at(-1), { loaded: (200 << 20) + 12345, total: (200 << 20) + 12345 });
  }
  // Only hashInWorker started a worker (through the Trusted Types policy: no CSP report).
  assert.equal(workers.length, 1);
  assert.match(workers[0], /\/pkg\/sha256\/worker\.js$/);
  assert.equal(await site.page.evaluate(() => globalThis.preflight.hashWithoutWorker(0)), want);
  assert.equal(workers.length, 1);
  await site.watch.assertClean();
});
