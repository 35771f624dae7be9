// Start-up: the wasm is fetched and compiled as soon as the entry is imported (before any call), `preload()` waits
// for it, and a wasm that cannot load is reported on the first call (and by preload) as a typed UploadError, never
// as an unhandled rejection at import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cpSync, rmSync } from 'node:fs';
import { startEmulator, root } from '../lib/emulator.mjs';
import { launch } from '../lib/browser.mjs';
import { tempDir, assembleSite } from '../lib/archives.mjs';

let emu, browser, site;

before(async () => {
  site = assembleSite(join(tempDir('startup-'), 'site'), { www: false });
  cpSync(join(root, 'tests', 'fixtures', 'core'), join(site, 'core'), { recursive: true });
  // A copy of the package without its wasm: what a bundler that did not copy it serves.
  cpSync(join(site, 'pkg'), join(site, 'broken'), { recursive: true });
  rmSync(join(site, 'broken', 'bkpaas_upload_bg.wasm'));
  emu = await startEmulator(['--www', site]);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await emu?.stop();
});

test('importing the entry starts fetching the wasm; the first call only instantiates', async () => {
  const page = await browser.context.newPage();
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('/bkpaas_upload_bg.wasm')) wasm.push(Date.now()); });
  await page.goto(emu.origin + '/core/index.html');
  await page.evaluate(() => window.ready);
  await page.waitForTimeout(300);
  assert.equal(wasm.length, 1, 'fetched at import, before any call');
  const done = await page.evaluate(() => window.bk.preload().then(() => 'ready'));
  assert.equal(done, 'ready');
  assert.equal(wasm.length, 1, 'never fetched twice');
  await page.close();
});

test('a wasm that cannot load: no unhandled rejection at import, a typed error on the first call and from preload', async () => {
  const page = await browser.context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(() => {
    window.unhandled = [];
    addEventListener('unhandledrejection', (e) => window.unhandled.push(String(e.reason)));
  });
  await page.goto(emu.origin + '/core/index.html');
  const result = await page.evaluate(async (url) => {
    const m = await import('/broken/index.js');
    await new Promise((r) => setTimeout(r, 300));
    const unhandledAtImport = [...window.unhandled];
    const describe = (e) => ({ isUploadError: e instanceof m.UploadError, kind: e.kind, reason: e.reason, message: e.message });
    const first = await m.uploadFile({ baseUrl: url, appCode: 'x', accessToken: 'dev-token', file: new Blob(['x']), filename: 'a.tar' })
      .then(() => null, describe);
    const preload = await m.preload().then(() => null, describe);
    const zh = await m.uploadLink({ baseUrl: url, appCode: 'x', accessToken: 'dev-token', packageUrl: 'https://h/a.tgz', locale: 'zh-CN' })
      .then(() => null, describe);
    return { unhandledAtImport, first, preload, zh };
  }, emu.url);
  assert.deepEqual(result.unhandledAtImport, []);
  for (const e of [result.first, result.preload]) {
    assert.deepEqual([e.isUploadError, e.kind, e.reason], [true, 'network', 'wasmLoad']);
    assert.match(e.message, /could not load its WebAssembly module from .*\/broken\/bkpaas_upload_bg\.wasm/);
    assert.match(e.message, /copy it there/);
  }
  assert.match(result.zh.message, /无法从 .* 加载它的 WebAssembly 模块/, 'in the caller\'s language');
  assert.deepEqual(problems, []);
  await page.close();
});
