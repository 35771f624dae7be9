// examples/worker/: the page posts a File to a module worker, which calls uploadFile (XMLHttpRequest exists in
// dedicated workers: byte progress, `transport: 'xhr'`) and posts progress and the result back. Served by the
// emulator (--www) under the page's strict CSP meta tag, uploading to the same origin. Also examples/service-worker/
// (a module service worker: no XMLHttpRequest there, so fetch).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../lib/emulator.mjs';
import { launch, watchPage } from '../lib/browser.mjs';
import { makeArchive, storedBytes, sha256, tempDir } from '../lib/archives.mjs';
import { ensureBuilt, assembleSite } from '../fixtures/contexts/site.mjs';

let dir, emu, browser;

before(async () => {
  ensureBuilt();
  dir = tempDir('worker-');
  emu = await startEmulator(['--www', assembleSite(join(dir, 'site'))]);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await emu?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens the example, uploads `path` from its worker; returns the worker's messages. */
async function uploadThroughWorker(page, path) {
  await page.goto(emu.origin + '/examples/worker/index.html');
  await page.waitForSelector('html[data-ready=true]', { state: 'attached' });
  await page.fill('#baseUrl', '/api/bkpaas3');
  await page.fill('#appCode', 'demo-app');
  await page.fill('#token', emu.token);
  await page.setInputFiles('#file', path);
  await page.click('#start');
  await page.waitForSelector('html[data-done=true]', { state: 'attached', timeout: 60000 });
  return JSON.parse(await page.getAttribute('html', 'data-events'));
}

test('uploadFile in a dedicated module worker with a File posted from the page: xhr progress, then the result', async () => {
  const archive = makeArchive(dir, { name: 'demo-app-1.0.0.tar.gz', version: '1.0.0', padding: 3 << 20 });
  const page = await browser.context.newPage();
  const watch = await watchPage(page);
  const events = await uploadThroughWorker(page, archive.path);
  const last = events.at(-1);
  assert.equal(last.type, 'result', JSON.stringify(last));
  assert.equal(last.package.version, '1.0.0');
  assert.equal(last.package.packageName, archive.name);
  assert.equal(last.package.sha256Signature, archive.sha256);
  assert.equal(sha256(await storedBytes(emu.origin, 'demo-app', 'default', '1.0.0')), archive.sha256);

  const progress = events.filter((e) => e.type === 'progress').map((e) => e.progress);
  assert.ok(progress.length >= 2, `progress events: ${progress.length}`);
  assert.ok(progress.every((p) => p.transport === 'xhr'), 'transport xhr');
  const phases = progress.map((p) => p.phase);
  const firstProcessing = phases.indexOf('processing');
  assert.equal(phases[0], 'sending');
  assert.ok(firstProcessing > 0, `phases: ${phases.join(',')}`);
  assert.ok(phases.slice(firstProcessing).every((p) => p === 'processing'), 'sending, then processing');
  const sending = progress.filter((p) => p.phase === 'sending');
  // The first event comes as the request starts (0 of an unknown total); then byte counts of the multipart body.
  assert.deepEqual(sending[0], { phase: 'sending', loaded: 0, total: 0, lengthComputable: false, transport: 'xhr' });
  const counted = sending.slice(1);
  assert.ok(counted.length >= 1 && counted.every((p) => p.lengthComputable && p.total > archive.bytes.length), 'byte progress');
  assert.equal(counted.at(-1).loaded, counted.at(-1).total);
  for (let i = 1; i < sending.length; i++) assert.ok(sending[i].loaded >= sending[i - 1].loaded, 'loaded grows');
  assert.equal(progress[firstProcessing].loaded, progress[firstProcessing].total);
  assert.match(await page.textContent('#status'), /Stored demo-app-1\.0\.0\.tar\.gz, version 1\.0\.0/);
  await watch.assertClean();
  await page.close();
});

test('an error in the worker reaches the page with its kind and code', async () => {
  const archive = makeArchive(dir, { name: 'demo-app-1.0.0.tar.gz', version: '1.0.0' });
  const page = await browser.context.newPage();
  const watch = await watchPage(page);
  const events = await uploadThroughWorker(page, archive.path);
  const last = events.at(-1);
  assert.equal(last.type, 'error');
  assert.equal(last.error.name, 'UploadError');
  assert.equal(last.error.kind, 'api');
  assert.equal(last.error.code, 'PACKAGE_ALREADY_EXISTS');
  assert.match(await page.textContent('#status'), /Failed \(api\)/);
  await watch.assertClean();
  await page.close();
});

test('the worker has no window, and the package uses XMLHttpRequest there', async () => {
  const page = await browser.context.newPage();
  const watch = await watchPage(page);
  await page.goto(emu.origin + '/examples/worker/index.html');
  await page.waitForSelector('html[data-ready=true]', { state: 'attached' });
  const worker = page.workers()[0] || await page.waitForEvent('worker');
  assert.deepEqual(await worker.evaluate(() => ({ window: typeof window, xhr: typeof XMLHttpRequest })), { window: 'undefined', xhr: 'function' });
  await watch.assertClean();
  await page.close();
});

test('examples/service-worker: uploadFile in a module service worker (fetch transport), File posted from the page', async () => {
  const archive = makeArchive(dir, { name: 'demo-app-4.0.0.tar.gz', version: '4.0.0', padding: 64 * 1024 });
  const page = await browser.context.newPage();
  const watch = await watchPage(page);
  await page.goto(emu.origin + '/examples/service-worker/index.html');
  await page.waitForSelector('html[data-ready=true]', { state: 'attached', timeout: 30000 });
  await page.fill('#baseUrl', '/api/bkpaas3');
  await page.fill('#appCode', 'demo-app');
  await page.fill('#token', emu.token);
  await page.setInputFiles('#file', archive.path);
  await page.click('#start');
  await page.waitForSelector('html[data-done=true]', { state: 'attached', timeout: 60000 });
  const events = JSON.parse(await page.getAttribute('html', 'data-events'));
  const last = events.at(-1);
  assert.equal(last.type, 'result', JSON.stringify(last));
  assert.equal(last.package.version, '4.0.0');
  assert.equal(sha256(await storedBytes(emu.origin, 'demo-app', 'default', '4.0.0')), archive.sha256);
  const progress = events.filter((e) => e.type === 'progress').map((e) => e.progress);
  assert.ok(progress.length >= 1);
  assert.deepEqual(progress[0], { phase: 'sending', loaded: 0, total: 0, lengthComputable: false, transport: 'fetch' });
  assert.ok(progress.every((p) => p.transport === 'fetch' && !p.lengthComputable));
  assert.match(await page.textContent('#status'), /Stored demo-app-4\.0\.0\.tar\.gz, version 4\.0\.0/);
  await watch.assertClean();
  await page.close();
});

test('Cancel on the page aborts the upload in the worker', async () => {
  const archive = makeArchive(dir, { name: 'demo-app-5.0.0.tar.gz', version: '5.0.0' });
  const page = await browser.context.newPage();
  const watch = await watchPage(page);
  let held;
  const arrived = new Promise((resolve) => { held = resolve; });
  await page.route('**/api/bkpaas3/**', (route) => { held(route); });
  await page.goto(emu.origin + '/examples/worker/index.html');
  await page.waitForSelector('html[data-ready=true]', { state: 'attached' });
  await page.fill('#baseUrl', '/api/bkpaas3');
  await page.fill('#appCode', 'demo-app');
  await page.fill('#token', emu.token);
  await page.setInputFiles('#file', archive.path);
  await page.click('#start');
  const route = await arrived;
  await page.click('#cancel');
  await page.waitForSelector('html[data-done=true]', { state: 'attached', timeout: 30000 });
  const last = JSON.parse(await page.getAttribute('html', 'data-events')).at(-1);
  assert.equal(last.type, 'error');
  assert.equal(last.error.kind, 'aborted');
  assert.equal(await page.textContent('#status'), 'Upload cancelled.');
  await route.abort().catch(() => {});
  await assert.rejects(storedBytes(emu.origin, 'demo-app', 'default', '5.0.0'), /no stored package/);
  await watch.assertClean();
  await page.close();
});
