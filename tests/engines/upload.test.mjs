// The built package in Firefox ESR and WebKitGTK through WebDriver (tests/lib/webdriver.mjs): a page served by the
// emulator imports pkg/index.js and uploads a real tar.gz with uploadFile; the stored version and bytes are checked
// on the emulator, and a gateway error injected by the emulator must come back typed.
// BKPAAS_ENGINES=firefox,webkit picks the engines (both by default).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../lib/emulator.mjs';
import { makeArchive, storedBytes, tempDir } from '../lib/archives.mjs';
import { openBrowser } from '../lib/webdriver.mjs';
import { copyCore, ensureBuilt } from '../fixtures/contexts/site.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = (process.env.BKPAAS_ENGINES || 'firefox,webkit').split(',').filter(Boolean);

for (const engine of wanted) {
  describe(`page upload in ${engine}`, { timeout: 120000 }, () => {
    let dir, archive, emu, browser;

    before(async () => {
      ensureBuilt();
      dir = tempDir(`engine-${engine}-`);
      copyCore(join(dir, 'site', 'pkg'));
      cpSync(join(here, 'page'), join(dir, 'site'), { recursive: true });
      archive = makeArchive(join(dir, 'site'), { name: 'demo-app-1.0.0.tar.gz', version: '1.0.0' });
      emu = await startEmulator(['--www', join(dir, 'site')]);
      browser = await openBrowser(engine);
      await browser.goto(emu.origin + '/index.html');
      assert.equal(await browser.run(() => document.documentElement.dataset.ready), 'true', 'the page loaded');
    });

    after(async () => {
      await browser?.close();
      await emu?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const upload = (options) => browser.run((o) => window.upload(o), {
      archive: '/' + archive.name,
      baseUrl: emu.url,
      accessToken: emu.token,
      ...options,
    });

    test('uploadFile stores the version and the very bytes sent', async () => {
      const appCode = `engine-${engine}`;
      const out = await upload({ appCode });
      assert.equal(out.error, undefined, JSON.stringify(out.error));
      assert.equal(out.result.version, '1.0.0');
      assert.equal(out.result.packageName, archive.name);
      assert.equal(out.result.packageSize, archive.bytes.length);
      assert.equal(out.result.sha256Signature, archive.sha256);
      assert.deepEqual(out.phases, ['sending', 'processing']);
      const stored = await (await fetch(emu.origin + '/_emulator/packages')).json();
      const mine = stored.filter((p) => p.app_code === appCode);
      assert.deepEqual(mine.map((p) => [p.version, p.id]), [['1.0.0', out.result.id]]);
      assert.ok((await storedBytes(emu.origin, appCode, 'default', '1.0.0')).equals(archive.bytes));
    });

    test('a gateway 502 comes back as a typed gateway error, nothing stored', async () => {
      const appCode = `engine-${engine}-502`;
      const out = await upload({ appCode, retries: 0, headers: { 'X-Emulator-Fault': 'status=502' } });
      assert.equal(out.result, undefined, 'a 502 must not resolve');
      assert.equal(out.error.name, 'UploadError');
      assert.equal(out.error.kind, 'gateway');
      assert.equal(out.error.status, 502);
      assert.equal(typeof out.error.code, 'number');
      assert.equal(out.error.attempts, 1);
      assert.match(out.error.requestId ?? '', /\S/, 'the gateway request id is reported');
      const stored = await (await fetch(emu.origin + '/_emulator/packages')).json();
      assert.equal(stored.filter((p) => p.app_code === appCode).length, 0);
    });
  });
}
