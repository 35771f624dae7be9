// sha256(), hashFile() and hashInWorker() on a strict-CSP page (Trusted Types on): known vectors; a 200 MiB file
// picked through <input type=file> equal to `sha256sum`, in the page, in the worker, and without Worker; and the two
// ways hashFile() hashes: native `crypto.subtle.digest` up to `nativeMax` (the sha256 wasm is never fetched), the
// streaming wasm above it and where `crypto.subtle` is missing (an insecure origin), with the same digest.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { openPreflightPage, writeRandomFile } from '../fixtures/preflight/site.mjs';
import { chromiumArgs, watchPage } from '../lib/browser.mjs';

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
  const onWorker = (w) => workers.push(w.url());
  site.page.on('worker', onWorker);
  for (const how of ['sha256', 'hashInWorker']) {
    const started = Date.now();
    const { hex, progress } = await site.page.evaluate((h) => globalThis.preflight[h](0), how);
    const ms = Date.now() - started;
    console.log(`# ${how}: 200 MiB in ${ms} ms (${(200 / (ms / 1000)).toFixed(0)} MiB/s)`);
    assert.equal(hex, want, how);
    // Above the 40 MiB default bound hashInWorker streams too: one progress event per MiB.
    assert.equal(progress.length, 201, how);
    assert.deepEqual(progress.at(-1), { loaded: (200 << 20) + 12345, total: (200 << 20) + 12345 });
  }
  // Only hashInWorker started a worker (through the Trusted Types policy: no CSP report).
  assert.equal(workers.length, 1);
  assert.match(workers[0], /\/pkg\/sha256\/worker\.js$/);
  assert.equal(await site.page.evaluate(() => globalThis.preflight.hashWithoutWorker(0)), want);
  assert.equal(workers.length, 1);
  site.page.off('worker', onWorker);
  await site.watch.assertClean();
});

/**
 * Hashes input file 0 with `fn` ('hashFile' or 'hashInWorker') and `options` (`nativeMax`) in `page`; returns the
 * digest, the progress events, and whether the sha256 wasm was fetched (by the page or the worker) meanwhile.
 */
async function hashOnce(page, fn, options) {
  const wasm = [];
  const onRequest = (r) => { if (r.url().endsWith('/bkpaas_sha256_bg.wasm')) wasm.push(r.url()); };
  page.context().on('request', onRequest);
  try {
    const out = await page.evaluate(async ([fn, options]) => {
      const m = await import('./pkg/sha256/index.js');
      const progress = [];
      const hex = await m[fn](document.getElementById('file').files[0], { ...options, onProgress: (p) => progress.push(p) });
      return { hex, progress, subtle: !!(globalThis.crypto && globalThis.crypto.subtle) };
    }, [fn, options]);
    return { ...out, wasmFetched: wasm.length > 0 };
  } finally {
    page.context().off('request', onRequest);
  }
}

const SIZE = (5 << 20) + 777; // over several 1 MiB reads, under the 40 MiB default bound

test('hashFile and hashInWorker: native up to nativeMax, the streaming wasm above it, the same digest', async () => {
  const path = join(site.dir, 'mid.bin');
  writeRandomFile(path, SIZE);
  const want = sha256sum(path);
  await site.pick([path]);
  // A fresh page for each case, so the wasm is fetched again wherever a case needs it (a worker is always fresh).
  for (const fn of ['hashInWorker', 'hashFile']) {
    for (const [label, options, native] of [
      ['default bound', {}, true],
      ['bound = the size', { nativeMax: SIZE }, true],
      ['bound one byte short', { nativeMax: SIZE - 1 }, false],
      ['bound 0', { nativeMax: 0 }, false],
    ]) {
      const page = await site.page.context().newPage();
      try {
        await page.goto(site.page.url());
        await page.setInputFiles('#file', path);
        const got = await hashOnce(page, fn, options);
        const what = `${fn}, ${label}`;
        assert.equal(got.subtle, true, 'a 127.0.0.1 page is a secure context');
        assert.equal(got.hex, want, what);
        assert.equal(got.wasmFetched, !native, `${what}: the sha256 wasm is fetched only on the streaming path`);
        assert.equal(got.progress.length, native ? 1 : 6, what);
        assert.deepEqual(got.progress.at(-1), { loaded: SIZE, total: SIZE }, what);
      } finally {
        await page.close();
      }
    }
  }
  await site.watch.assertClean();
});

test('hashFile and hashInWorker reject a bad nativeMax before reading', async () => {
  for (const fn of ['hashFile', 'hashInWorker']) {
    for (const bad of [-1, NaN, '10', null]) {
      const e = await site.page.evaluate(async ([fn, bad]) => {
        const m = await import('./pkg/sha256/index.js');
        return m[fn](new Blob(['x']), { nativeMax: bad }).then(() => null, (e) => ({ name: e.name, message: e.message }));
      }, [fn, bad]);
      assert.equal(e?.name, 'RangeError', `${fn} nativeMax ${bad}`);
      assert.match(e.message, /nativeMax/);
    }
  }
});

test('an insecure origin (no crypto.subtle): the streaming wasm, the same digest', async () => {
  const path = join(site.dir, 'insecure.bin');
  writeRandomFile(path, SIZE);
  const want = sha256sum(path);
  // The same server, reached by a name that is not localhost: plain http there is not a secure context.
  const { port } = new URL(site.page.url());
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: [...chromiumArgs, '--host-resolver-rules=MAP bkpaas-insecure.test 127.0.0.1'] });
  try {
    const page = await browser.newPage();
    const watch = await watchPage(page);
    await page.goto(`http://bkpaas-insecure.test:${port}/index.html`);
    await page.waitForSelector('html[data-ready=true]', { state: 'attached' });
    assert.equal(await page.evaluate(() => isSecureContext), false);
    await page.setInputFiles('#file', path);
    for (const fn of ['hashInWorker', 'hashFile']) {
      const got = await hashOnce(page, fn, {});
      assert.equal(got.subtle, false);
      assert.equal(got.hex, want, fn);
      assert.equal(got.progress.length, 6, `${fn}: streamed in 1 MiB reads`);
    }
    await watch.assertClean();
  } finally {
    await browser.close();
  }
});
