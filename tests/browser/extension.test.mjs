// The example extension (examples/extension/) loaded unpacked in headless Chromium, against an emulator started with
// --no-cors (like a default real gateway): a page on another origin cannot reach it, the extension can. uploadLink
// from the service worker (the runtime message the context menu's code path answers), uploadFile from the service
// worker (fetch transport) and from the popup page (XMLHttpRequest), stored bytes checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, root } from '../lib/emulator.mjs';
import { launch, watchPage } from '../lib/browser.mjs';
import { makeArchive, storedBytes, sha256, tempDir, pkgDir } from '../lib/archives.mjs';
import { ensureBuilt, assembleSite, strictCsp } from '../fixtures/contexts/site.mjs';
import { vendor } from '../../examples/extension/build.mjs';

const APP = 'demo-app';
let dir, gateway, other, browser, worker, extensionId, fixture;

before(async () => {
  ensureBuilt();
  dir = tempDir('extension-');
  // The link source, served by the no-CORS emulator itself (its own host is on its link allow-list).
  const fixtures = join(dir, 'fixtures');
  mkdirSync(fixtures);
  fixture = makeArchive(fixtures, { name: 'demo-app-1.0.0.tar.gz', version: '1.0.0' });
  gateway = await startEmulator(['--no-cors', '--fixtures', fixtures]);
  // Another origin, CORS irrelevant: it serves the plain page that tries the same gateway.
  other = await startEmulator(['--www', assembleSite(join(dir, 'site'), { csp: strictCsp(gateway.origin) })]);
  // The extension as a user loads it: its files plus the vendored package (a copy, so the working tree is untouched).
  const ext = join(dir, 'extension');
  cpSync(join(root, 'examples', 'extension'), ext, { recursive: true, filter: (src) => !src.includes('/vendor') });
  vendor(pkgDir, join(ext, 'vendor', 'bkpaas-upload'));
  browser = await launch({ extensionDir: ext });
  worker = browser.context.serviceWorkers()[0] || await browser.context.waitForEvent('serviceworker', { timeout: 20000 });
  extensionId = new URL(worker.url()).host;
});

after(async () => {
  await browser?.close();
  await gateway?.stop();
  await other?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens the popup as a tab, saves the settings for the gateway; returns the page and its watcher. */
async function openPopup({ remember = false } = {}) {
  const page = await browser.context.newPage();
  const watch = await watchPage(page);
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.waitForSelector('html[data-ready=true]', { state: 'attached' });
  await page.fill('#baseUrl', gateway.url);
  await page.fill('#stage', 'prod');
  await page.fill('#appCode', APP);
  await page.fill('#module', 'default');
  await page.fill('#token', gateway.token);
  await page.setChecked('#remember', remember);
  await page.click('#save');
  await page.waitForFunction(() => document.getElementById('saved').textContent !== '');
  return { page, watch };
}

test('the gateway sends no CORS headers: a page on another origin fails with kind network', async () => {
  const page = await browser.context.newPage();
  const watch = await watchPage(page);
  await page.goto(other.origin + '/upload/index.html');
  await page.waitForSelector('html[data-ready=true]', { state: 'attached' });
  await page.fill('#baseUrl', gateway.url);
  await page.setInputFiles('#file', fixture.path);
  await page.click('#start');
  await page.waitForSelector('html[data-error]', { state: 'attached', timeout: 30000 });
  const error = JSON.parse(await page.getAttribute('html', 'data-error'));
  assert.equal(error.name, 'UploadError');
  assert.equal(error.kind, 'network', JSON.stringify(error));
  await watch.assertClean();
  await page.close();
});

test('the service worker has no XMLHttpRequest and no window: the package picks fetch', async () => {
  const facts = await worker.evaluate(() => ({
    xhr: typeof XMLHttpRequest, window: typeof window, document: typeof document, transport: bkpaas.transport(),
  }));
  assert.deepEqual(facts, { xhr: 'undefined', window: 'undefined', document: 'undefined', transport: 'fetch' });
});

test('the context-menu item on archive links is registered', async () => {
  const menu = await worker.evaluate(async () => {
    for (let i = 0; i < 50 && !bkpaas.menu.created && !bkpaas.menu.error; i++) await new Promise((r) => setTimeout(r, 100));
    return { ...bkpaas.menu };
  });
  assert.deepEqual(menu, { id: 'bkpaas-upload-link', created: true, error: null });
});

test('settings: the token stays in chrome.storage.session unless "remember" is ticked', async () => {
  const { page, watch } = await openPopup({ remember: false });
  const where = () => page.evaluate(async () => ({
    local: (await chrome.storage.local.get('token')).token ?? null,
    session: (await chrome.storage.session.get('token')).token ?? null,
  }));
  assert.deepEqual(await where(), { local: null, session: gateway.token });
  await page.setChecked('#remember', true);
  await page.click('#save');
  await page.waitForFunction(() => document.getElementById('saved').textContent.includes('device'));
  assert.deepEqual(await where(), { local: gateway.token, session: null });
  await page.setChecked('#remember', false);
  await page.click('#save');
  await page.waitForFunction(() => document.getElementById('saved').textContent.includes('quits'));
  assert.deepEqual(await where(), { local: null, session: gateway.token });
  await watch.assertClean();
  await page.close();
});

test('uploadLink from the service worker (the context menu code path, through a runtime message)', async () => {
  const { page, watch } = await openPopup();
  const url = `${gateway.origin}/_emulator/fixtures/${fixture.name}`;
  const answer = await page.evaluate((u) => chrome.runtime.sendMessage({ type: 'upload-link', url: u }), url);
  assert.equal(answer.ok, true, JSON.stringify(answer.error));
  assert.equal(answer.result.version, '1.0.0');
  assert.equal(answer.result.sha256Signature, fixture.sha256);
  assert.ok(answer.progress.length >= 1, 'progress events');
  for (const p of answer.progress) {
    assert.equal(p.transport, 'fetch');
    assert.equal(p.lengthComputable, false);
  }
  assert.equal(sha256(await storedBytes(gateway.origin, APP, 'default', '1.0.0')), fixture.sha256);
  // The badge tells the user.
  assert.equal(await worker.evaluate(() => chrome.action.getBadgeText({})), 'OK');
  // A failure is reported in words, and on the badge: the same version again is refused.
  const again = await page.evaluate((u) => chrome.runtime.sendMessage({ type: 'upload-link', url: u }), url);
  assert.equal(again.ok, false);
  assert.equal(again.error.kind, 'api');
  assert.equal(again.error.code, 'PACKAGE_ALREADY_EXISTS');
  assert.match(again.error.message, /PACKAGE_ALREADY_EXISTS/);
  assert.equal(await worker.evaluate(() => chrome.action.getBadgeText({})), 'ERR');
  await watch.assertClean();
  await page.close();
});

test('uploadFile inside the service worker: fetch transport, progress without byte counts', async () => {
  const archive = makeArchive(dir, { name: 'demo-app-3.0.0.tar.gz', version: '3.0.0' });
  const out = await worker.evaluate(async ({ bytes, name }) => {
    const progress = [];
    const options = bkpaas.connection(await bkpaas.loadSettings());
    const pkg = await bkpaas.uploadFile({
      ...options, file: new Blob([new Uint8Array(bytes)]), filename: name, onProgress: (p) => progress.push({ ...p }),
    });
    return { pkg, progress };
  }, { bytes: [...archive.bytes], name: archive.name });
  assert.equal(out.pkg.version, '3.0.0');
  assert.ok(out.progress.length >= 1);
  assert.deepEqual(out.progress[0], { phase: 'sending', loaded: 0, total: 0, lengthComputable: false, transport: 'fetch' });
  assert.ok(out.progress.every((p) => p.transport === 'fetch' && !p.lengthComputable));
  assert.equal(sha256(await storedBytes(gateway.origin, APP, 'default', '3.0.0')), archive.sha256);
});

test('uploadFile from the popup page: progress bar, result in words, stored bytes equal the file', async () => {
  const archive = makeArchive(dir, { name: 'demo-app-2.0.0.tar.gz', version: '2.0.0', padding: 256 * 1024 });
  const { page, watch } = await openPopup();
  await page.setInputFiles('#file', archive.path);
  await page.click('#start');
  await page.waitForSelector('html[data-result], html[data-error-kind]', { state: 'attached', timeout: 60000 });
  const status = await page.textContent('#status');
  const result = await page.getAttribute('html', 'data-result');
  assert.ok(result, status);
  const pkg = JSON.parse(result);
  assert.equal(pkg.version, '2.0.0');
  assert.equal(pkg.packageName, archive.name);
  assert.match(status, /Stored demo-app-2\.0\.0\.tar\.gz, version 2\.0\.0/);
  assert.equal(await page.getAttribute('#status', 'class'), 'ok');
  assert.equal(await page.evaluate(() => document.getElementById('progress').value), 1);
  assert.equal(sha256(await storedBytes(gateway.origin, APP, 'default', '2.0.0')), archive.sha256);
  await watch.assertClean();
  await page.close();
});

test('the popup reports a server error in words', async () => {
  const archive = makeArchive(dir, { name: 'demo-app-2.0.0.tar.gz', version: '2.0.0' });
  const { page, watch } = await openPopup();
  await page.setInputFiles('#file', archive.path);
  await page.click('#start');
  await page.waitForSelector('html[data-error-kind]', { state: 'attached', timeout: 60000 });
  assert.equal(await page.getAttribute('html', 'data-error-kind'), 'api');
  assert.match(await page.textContent('#status'), /Server refused \(\d+ PACKAGE_ALREADY_EXISTS\)/);
  await watch.assertClean();
  await page.close();
});

test('negative control: the recorder sees a CSP violation on an extension page', async () => {
  const page = await browser.context.newPage();
  const watch = await watchPage(page);
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.waitForSelector('html[data-ready=true]', { state: 'attached' });
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'globalThis.inlineRan = true';
    document.head.append(s);
  });
  await page.waitForFunction(() => (globalThis.__cspViolations || []).length > 0);
  assert.equal(await page.evaluate(() => globalThis.inlineRan ?? false), false);
  await assert.rejects(watch.assertClean(), /csp: script-src/);
  await page.close();
});

test('the popup cancels an upload in flight', async () => {
  const archive = makeArchive(dir, { name: 'demo-app-5.0.0.tar.gz', version: '5.0.0' });
  const { page, watch } = await openPopup();
  // Hold the request so that it is in flight when Cancel is clicked.
  let held;
  const arrived = new Promise((resolve) => { held = resolve; });
  await page.route(`${gateway.origin}/**`, (route) => { held(route); });
  await page.setInputFiles('#file', archive.path);
  await page.click('#start');
  const route = await arrived;
  assert.equal(await page.isEnabled('#cancel'), true);
  await page.click('#cancel');
  await page.waitForSelector('html[data-error-kind]', { state: 'attached', timeout: 30000 });
  assert.equal(await page.getAttribute('html', 'data-error-kind'), 'aborted');
  assert.equal(await page.textContent('#status'), 'Upload cancelled.');
  assert.equal(await page.isEnabled('#cancel'), false);
  await route.abort().catch(() => {});
  await page.unroute(`${gateway.origin}/**`);
  await assert.rejects(storedBytes(gateway.origin, APP, 'default', '5.0.0'), /no stored package/);
  await watch.assertClean();
  await page.close();
});
