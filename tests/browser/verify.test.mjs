// `uploadFile({ verify: true })`: the file is hashed in a worker while it uploads and compared with the server's
// sha256_signature; the emulator's `corrupt` fault stores other bytes, which must give kind `integrity`. Both ways
// of hashing: native `crypto.subtle.digest` for a file up to 40 MiB (the sha256 wasm is never fetched), the
// streaming wasm above it and on an insecure origin (no `crypto.subtle`), with the same result fields and error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cpSync, rmSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startEmulator, root } from '../lib/emulator.mjs';
import { chromiumArgs, launch, watchPage } from '../lib/browser.mjs';
import { makeArchive, tempDir, assembleSite } from '../lib/archives.mjs';

let emu, browser, insecure, dir, site;
const INSECURE_HOST = 'bkpaas-insecure.test';

before(async () => {
  dir = tempDir('verify-');
  site = assembleSite(join(dir, 'site'), { www: false });
  cpSync(join(root, 'tests', 'fixtures', 'core'), join(site, 'core'), { recursive: true });
  emu = await startEmulator(['--www', site, '--body-limit', String(64 << 20)]);
  browser = await launch();
  // The same emulator reached by a name that is not localhost: plain http there is not a secure context.
  insecure = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: [...chromiumArgs, `--host-resolver-rules=MAP ${INSECURE_HOST} 127.0.0.1`] });
});

after(async () => {
  await browser?.close();
  await insecure?.close();
  await emu?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Uploads `archive` with verify from the core test page, on the secure (127.0.0.1) or the insecure origin. */
async function upload(archive, { fault, secure = true, options = {} } = {}) {
  const context = secure ? browser.context : await insecure.newContext();
  const page = await context.newPage();
  const watch = await watchPage(page);
  const wasm = [];
  context.on('request', (r) => { if (r.url().endsWith('/bkpaas_sha256_bg.wasm')) wasm.push(r.url()); });
  const origin = secure ? emu.origin : `http://${INSECURE_HOST}:${emu.port}`;
  // Plain http to a name that is not 127.0.0.1/localhost: the core asks for this opt-in.
  if (!secure) options = { allowInsecureHttp: true, ...options };
  await page.goto(origin + '/core/index.html');
  await page.evaluate(() => window.ready);
  await page.setInputFiles('#file', archive.path);
  const result = await page.evaluate(async ({ url, fault, app, options }) => {
    let workers = 0;
    const Original = window.Worker;
    window.Worker = class extends Original { constructor(...args) { super(...args); workers += 1; } };
    try {
      const pkg = await window.bk.uploadFile({
        baseUrl: url, appCode: app, accessToken: 'dev-token', file: window.pick(), verify: true, ...options,
        headers: fault ? { 'X-Emulator-Fault': fault } : undefined,
      });
      return { ok: pkg, workers, secure: isSecureContext };
    } catch (e) {
      return { error: { ...e, isUploadError: e instanceof window.bk.UploadError, message: e.message }, workers, secure: isSecureContext };
    }
  }, { url: origin + '/api/bkpaas3', fault, app: 'verify-' + Math.random().toString(36).slice(2), options });
  await watch.assertClean();
  await page.close();
  if (!secure) await context.close();
  assert.equal(result.secure, secure);
  return { ...result, streamed: wasm.length > 0 };
}

for (const secure of [true, false]) {
  const where = secure ? '' : ' (insecure origin: the streaming wasm)';
  test(`verify: the local hash equals the server sha256 and the result says verified${where}`, async () => {
    const archive = makeArchive(dir, { name: 'verified-1.0.0.tar.gz', version: '1.0.0', padding: 3 << 20 });
    const { ok, error, workers, streamed } = await upload(archive, { secure });
    assert.equal(error, undefined, JSON.stringify(error));
    assert.equal(workers, 1, 'the hash ran in a worker');
    assert.equal(streamed, !secure, secure ? 'native crypto.subtle: the sha256 wasm is not fetched' : 'no crypto.subtle: streamed');
    assert.equal(ok.localSha256, archive.sha256);
    assert.equal(ok.sha256Signature, archive.sha256);
    assert.equal(ok.verified, true);
  });

  test(`verify: a corrupted copy on the server rejects with kind integrity and both hashes${where}`, async () => {
    const archive = makeArchive(dir, { name: 'corrupt-1.0.0.tar.gz', version: '1.0.0', padding: 1 << 20 });
    const { ok, error, streamed } = await upload(archive, { fault: 'corrupt', secure });
    assert.equal(ok, undefined);
    assert.equal(streamed, !secure);
    assert.equal(error.isUploadError, true);
    assert.equal(error.kind, 'integrity');
    assert.equal(error.localSha256, archive.sha256);
    assert.match(error.serverSha256, /^[0-9a-f]{64}$/);
    assert.notEqual(error.serverSha256, archive.sha256);
    assert.match(error.message, /different bytes/);
  });
}

test('verify: a file over 40 MiB (maxSize raised) is streamed through the wasm, with the same result', { timeout: 120_000 }, async () => {
  const archive = makeArchive(dir, { name: 'big-1.0.0.tar.gz', version: '1.0.0', padding: (40 << 20) + 4096 });
  assert.ok(archive.bytes.length > 40 << 20);
  const { ok, error, workers, streamed } = await upload(archive, { options: { maxSize: 64 << 20 } });
  assert.equal(error, undefined, JSON.stringify(error));
  assert.equal(workers, 1);
  assert.equal(streamed, true, 'over the 40 MiB bound: the streaming wasm');
  assert.equal(ok.localSha256, archive.sha256);
  assert.equal(ok.verified, true);
});

test('verify: verifyNativeMax moves the bound (0 always streams; raised, a file over 40 MiB is hashed natively)', { timeout: 120_000 }, async () => {
  const small = makeArchive(dir, { name: 'bound-1.0.0.tar.gz', version: '1.0.0', padding: 1 << 20 });
  const streamed = await upload(small, { options: { verifyNativeMax: 0 } });
  assert.equal(streamed.error, undefined, JSON.stringify(streamed.error));
  assert.equal(streamed.streamed, true, 'verifyNativeMax 0: the streaming wasm');
  assert.equal(streamed.ok.localSha256, small.sha256);
  assert.equal(streamed.ok.verified, true);
  const big = makeArchive(dir, { name: 'bound-big-1.0.0.tar.gz', version: '1.0.0', padding: (40 << 20) + 4096 });
  const native = await upload(big, { options: { maxSize: 64 << 20, verifyNativeMax: 64 << 20 } });
  assert.equal(native.error, undefined, JSON.stringify(native.error));
  assert.equal(native.streamed, false, 'verifyNativeMax 64 MiB: a 40 MiB+ file hashed natively');
  assert.equal(native.ok.localSha256, big.sha256);
  assert.equal(native.ok.verified, true);
});

test('verify: a verifyNativeMax that is not a number of bytes is a validation error before anything is sent', async () => {
  const archive = makeArchive(dir, { name: 'badbound-1.0.0.tar.gz', version: '1.0.0' });
  for (const bad of ['40', -1]) {
    const { ok, error, workers } = await upload(archive, { options: { verifyNativeMax: bad } });
    assert.equal(ok, undefined, `verifyNativeMax ${JSON.stringify(bad)}`);
    assert.equal(error.kind, 'validation', `verifyNativeMax ${JSON.stringify(bad)}: ${error.message}`);
    assert.equal(error.option, 'verifyNativeMax');
    assert.equal(workers, 0, 'nothing hashed');
  }
});
