// `uploadFile({ verify: true })`: the file is hashed in a worker while it uploads and compared with the server's
// sha256_signature; the emulator's `corrupt` fault stores other bytes, which must give kind `integrity`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cpSync, rmSync } from 'node:fs';
import { startEmulator, root } from '../lib/emulator.mjs';
import { launch, watchPage } from '../lib/browser.mjs';
import { makeArchive, tempDir, assembleSite } from '../lib/archives.mjs';

let emu, browser, dir, site;

before(async () => {
  dir = tempDir('verify-');
  site = assembleSite(join(dir, 'site'), { www: false });
  cpSync(join(root, 'tests', 'fixtures', 'core'), join(site, 'core'), { recursive: true });
  emu = await startEmulator(['--www', site]);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await emu?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function upload(archive, fault) {
  const page = await browser.context.newPage();
  const watch = await watchPage(page);
  await page.goto(emu.origin + '/core/index.html');
  await page.evaluate(() => window.ready);
  await page.setInputFiles('#file', archive.path);
  const result = await page.evaluate(async ({ url, fault, app }) => {
    let workers = 0;
    const Original = window.Worker;
    window.Worker = class extends Original { constructor(...args) { super(...args); workers += 1; } };
    try {
      const pkg = await window.bk.uploadFile({
        baseUrl: url, appCode: app, accessToken: 'dev-token', file: window.pick(), verify: true,
        headers: fault ? { 'X-Emulator-Fault': fault } : undefined,
      });
      return { ok: pkg, workers };
    } catch (e) {
      return { error: { ...e, isUploadError: e instanceof window.bk.UploadError, message: e.message } };
    }
  }, { url: emu.url, fault, app: 'verify-' + Math.random().toString(36).slice(2) });
  await watch.assertClean();
  await page.close();
  return result;
}

test('verify: the local hash equals the server sha256 and the result says verified', async () => {
  const archive = makeArchive(dir, { name: 'verified-1.0.0.tar.gz', version: '1.0.0', padding: 3 << 20 });
  const { ok, error, workers } = await upload(archive);
  assert.equal(error, undefined, JSON.stringify(error));
  assert.equal(workers, 1, 'the hash ran in a worker');
  assert.equal(ok.localSha256, archive.sha256);
  assert.equal(ok.sha256Signature, archive.sha256);
  assert.equal(ok.verified, true);
});

test('verify: a corrupted copy on the server rejects with kind integrity and both hashes', async () => {
  const archive = makeArchive(dir, { name: 'corrupt-1.0.0.tar.gz', version: '1.0.0', padding: 1 << 20 });
  const { ok, error } = await upload(archive, 'corrupt');
  assert.equal(ok, undefined);
  assert.equal(error.isUploadError, true);
  assert.equal(error.kind, 'integrity');
  assert.equal(error.localSha256, archive.sha256);
  assert.match(error.serverSha256, /^[0-9a-f]{64}$/);
  assert.notEqual(error.serverSha256, archive.sha256);
  assert.match(error.message, /different bytes/);
});
