// The demo page (www/) end to end in headless Chromium against the emulator: file upload checked against the stored
// bytes, link upload, overwrite refused then allowed, cancel, errors in words, the language switch, screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, root } from '../lib/emulator.mjs';
import { launch, watchPage } from '../lib/browser.mjs';
import { makeArchive, assembleSite, tempDir, storedBytes, sha256 } from '../lib/archives.mjs';

const shots = join(root, 'target', 'screenshots');
let tmp, emu, archives, fixture;

before(async () => {
  mkdirSync(shots, { recursive: true });
  tmp = tempDir('demo-');
  const site = assembleSite(join(tmp, 'site'));
  const fixtures = join(tmp, 'fixtures');
  mkdirSync(fixtures);
  fixture = makeArchive(fixtures, { name: 'sample-app-1.0.0.tar.gz', version: '1.0.0', appCode: 'sample-app' });
  archives = {
    small: makeArchive(tmp, { name: 'demo-app-1.2.3.tar.gz', version: '1.2.3' }),
    again: makeArchive(tmp, { name: 'demo-app-2.0.0.tar.gz', version: '2.0.0' }),
    big: makeArchive(tmp, { name: 'demo-app-3.0.0.tar.gz', version: '3.0.0', padding: 6 * 1024 * 1024 }),
  };
  emu = await startEmulator(['--www', site, '--fixtures', fixtures]);
});

after(async () => {
  await emu?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Opens the demo page with a fresh profile; the emulator note pre-fills the token. */
async function open(t, { viewport, locale = 'en-US', appCode } = {}) {
  const browser = await launch({ viewport, locale });
  t.after(browser.close);
  const page = browser.context.pages()[0] || await browser.context.newPage();
  const watch = await watchPage(page);
  await page.goto(emu.origin + '/');
  await page.locator('#emulator-note:not([hidden])').waitFor({ state: 'attached' });
  await assert.doesNotReject(page.waitForFunction(() => document.querySelector('#accessToken').value === 'dev-token'));
  // Through the form's own input event: on a phone the connection panel may be folded away.
  if (appCode) await page.$eval('#appCode', (input, v) => { input.value = v; input.dispatchEvent(new Event('input', { bubbles: true })); }, appCode);
  return { page, watch, browser };
}

const fileEl = '#upload-file';
const linkEl = '#upload-link';
const setHeaders = (page, sel, headers) => page.$eval(sel, (el, h) => { el.options = { retries: 0, headers: h }; }, headers);
const sizeOf = async (page, sel) => Number((await page.locator(`${sel} [data-field=size]`).getAttribute('title')).replace(/\D/g, ''));

test('uploads a real archive; the card matches the stored bytes; history lists it', async (t) => {
  const { page, watch } = await open(t, { appCode: 'demo-file' });
  // Playwright intercepts choosers only while someone listens and turns that on asynchronously: keep a listener,
  // and click again if the first click raced it.
  page.on('filechooser', () => {});
  let chooser = null;
  for (let i = 0; !chooser && i < 5; i++) {
    const next = page.waitForEvent('filechooser', { timeout: 2000 }).catch(() => null);
    await page.locator(`${fileEl} .dropzone`).click();
    chooser = await next;
  }
  assert.ok(chooser, 'a click on the drop zone opens the file chooser');
  await chooser.setFiles(archives.small.path);
  await assert.doesNotReject(page.locator(`${fileEl} .file-meta`).filter({ hasText: 'gzip-compressed tar' }).waitFor());
  await page.locator(`${fileEl} button.primary`).click();
  const card = page.locator(`${fileEl} .result`);
  await card.waitFor();
  const version = await card.locator('[data-field=version]').textContent();
  assert.equal(version, '1.2.3');
  const stored = await storedBytes(emu.origin, 'demo-file', 'default', version);
  assert.equal(await card.locator('[data-field=sha256]').textContent(), sha256(stored));
  assert.equal(sha256(stored), archives.small.sha256);
  // `verify` is on in the demo: the bytes were hashed while sent and match what the platform stored.
  assert.equal(await page.$eval(fileEl, (el) => [el.verify, el.result.verified, el.result.localSha256]).then(JSON.stringify),
    JSON.stringify([true, true, archives.small.sha256]));
  const mark = card.locator('[data-field=verified]');
  assert.equal(await mark.isVisible(), true);
  assert.equal((await mark.textContent()).trim(), '✓Verified — SHA-256 matches the file sent');
  assert.equal(await sizeOf(page, fileEl), stored.length);
  assert.match(await card.textContent(), /admin/);
  await page.locator('#history tbody tr').first().waitFor();
  assert.match(await page.locator('#history tbody').textContent(), /1\.2\.3/);
  await watch.assertClean();
});

test('uploads by link from the emulator fixture', async (t) => {
  const { page, watch } = await open(t, { appCode: 'demo-link' });
  await page.click('#tab-link');
  const url = `${emu.origin}/_emulator/fixtures/sample-app-1.0.0.tar.gz`;
  await page.fill(`${linkEl} #package-url`, url);
  await page.fill(`${linkEl} #version`, 'link-1');
  await page.locator(`${linkEl} button.primary`).click();
  const card = page.locator(`${linkEl} .result`);
  await card.waitFor();
  assert.equal(await card.locator('[data-field=version]').textContent(), 'link-1');
  const stored = await storedBytes(emu.origin, 'demo-link', 'default', 'link-1');
  assert.equal(sha256(stored), fixture.sha256);
  assert.equal(await card.locator('[data-field=sha256]').textContent(), fixture.sha256);
  await page.screenshot({ path: join(shots, 'demo-1280-link-result.png') });
  await watch.assertClean();
});

test('the same version is refused, then replaced once overwrite is ticked', async (t) => {
  const { page, watch } = await open(t, { appCode: 'demo-overwrite' });
  const input = page.locator(`${fileEl} input[type=file]`);
  await input.setInputFiles(archives.again.path);
  await page.locator(`${fileEl} button.primary`).click();
  await page.locator(`${fileEl} .result`).waitFor();
  await page.locator(`${fileEl} [part~=again-button]`).click();
  await input.setInputFiles(archives.again.path);
  await page.locator(`${fileEl} button.primary`).click();
  const error = page.locator(`${fileEl} .error`);
  await error.waitFor();
  const words = await error.textContent();
  assert.match(words, /The platform refused the package/);
  assert.match(words, /PACKAGE_ALREADY_EXISTS/);
  assert.match(words, /Tick “Replace the stored package”/);
  assert.match(words, /Request ID: [0-9a-f-]{36}/);
  await page.locator(`${fileEl} #overwrite`).check();
  await page.locator(`${fileEl} button.primary`).click();
  await page.locator(`${fileEl} .result`).waitFor();
  assert.equal(await page.locator(`${fileEl} [data-field=version]`).textContent(), '2.0.0');
  await watch.assertClean();
});

test('stored bytes that differ from those sent are an integrity error, in words (en and zh)', async (t) => {
  const { page, watch } = await open(t, { appCode: 'demo-integrity' });
  // The emulator stores a corrupted copy and answers with the hash of what it stored.
  await setHeaders(page, fileEl, { 'X-Emulator-Fault': 'corrupt' });
  await page.locator(`${fileEl} input[type=file]`).setInputFiles(archives.small.path);
  await page.locator(`${fileEl} button.primary`).click();
  const error = page.locator(`${fileEl} .error`);
  await error.waitFor();
  assert.equal(await error.getAttribute('data-kind'), 'integrity');
  assert.equal(await page.locator(`${fileEl} .result`).isVisible(), false);
  const stored = await storedBytes(emu.origin, 'demo-integrity', 'default', '1.2.3');
  assert.notEqual(sha256(stored), archives.small.sha256);
  const words = await error.textContent();
  assert.match(words, /The platform stored different bytes than were sent/);
  assert.equal(await error.locator('[data-field=local-sha256]').textContent(), archives.small.sha256);
  assert.equal(await error.locator('[data-field=server-sha256]').textContent(), sha256(stored));
  assert.match(words, /Upload it again/);
  assert.match(words, /a proxy or gateway on the way alters uploads: tell the platform operators/);
  await error.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'demo-1280-integrity.png') });
  await page.click('[data-lang=zh]');
  await error.filter({ hasText: '平台保存的内容与发送的不一致' }).waitFor();
  assert.match(await error.textContent(), /代理或网关改动了上传内容/);
  await watch.assertClean();
});

test('cancel mid-upload stops it and says so', async (t) => {
  const { page, watch } = await open(t, { appCode: 'demo-cancel' });
  await setHeaders(page, fileEl, { 'X-Emulator-Fault': 'stall-ms=20000' });
  await page.$eval(fileEl, (el) => el.addEventListener('bkpaas-cancel', () => { window.__cancelled = true; }));
  await page.locator(`${fileEl} input[type=file]`).setInputFiles(archives.big.path);
  await page.locator(`${fileEl} button.primary`).click();
  await page.locator(`${fileEl} .progress`).waitFor();
  await page.locator(`${fileEl} [part~=cancel-button]`).click();
  await page.waitForFunction(() => window.__cancelled === true);
  await assert.doesNotReject(page.locator(`${fileEl} [role=status]`).filter({ hasText: 'Upload cancelled.' }).waitFor({ state: 'attached' }));
  assert.equal(await page.locator(`${fileEl} .progress`).isVisible(), false);
  assert.equal(await page.locator(`${fileEl} .error`).isVisible(), false);
  assert.equal(await page.$eval(fileEl, (el) => el.state), 'ready');
  await watch.assertClean();
});

test('a server error and validation errors are shown in words', async (t) => {
  const { page, watch } = await open(t, { appCode: 'demo-errors' });
  // A file name the platform refuses: caught on pick, nothing sent.
  await page.locator(`${fileEl} input[type=file]`).setInputFiles({ name: 'my app.tar.gz', mimeType: 'application/gzip', buffer: archives.small.bytes });
  await page.locator(`${fileEl} .message.invalid`).filter({ hasText: 'has characters the platform refuses' }).waitFor();
  assert.equal(await page.locator(`${fileEl} button.primary`).isDisabled(), true);

  // The HTML 500 page of the apiserver.
  await setHeaders(page, fileEl, { 'X-Emulator-Fault': 'html-500' });
  await page.locator(`${fileEl} input[type=file]`).setInputFiles(archives.small.path);
  await page.locator(`${fileEl} button.primary`).click();
  const error = page.locator(`${fileEl} .error`);
  await error.waitFor();
  assert.match(await error.textContent(), /The server answered HTTP 500/);
  assert.equal(await error.locator('blockquote').textContent(), 'Server Error (500)');

  // A wrong token: the gateway's envelope.
  await setHeaders(page, fileEl, {});
  await page.fill('#accessToken', 'wrong-token');
  await page.locator(`${fileEl} button.primary`).click();
  await error.filter({ hasText: 'The API gateway refused the request' }).waitFor();
  assert.match(await error.textContent(), /1640001/);
  assert.match(await error.textContent(), /INVALID_ARGS/);

  // Nobody answers (a closed port stands for CORS refused or offline): the advice on what to ask.
  await page.$eval(fileEl, (el) => { el.options = { retries: 0 }; });
  await page.fill('#baseUrl', 'http://127.0.0.1:9/api/bkpaas3');
  await page.locator(`${fileEl} button.primary`).click();
  await error.filter({ hasText: 'No answer from the gateway' }).waitFor();
  assert.match(await error.textContent(), /CORS/);
  assert.match(await error.textContent(), /reverse proxy/);
  await page.fill('#baseUrl', emu.url);

  // No app code: the package's own check, pointed at the panel's field.
  await page.fill('#accessToken', 'dev-token');
  await page.fill('#appCode', '');
  await page.locator(`${fileEl} button.primary`).click();
  await error.filter({ hasText: 'Check the setting: app code' }).waitFor();
  assert.equal(await page.getAttribute('#appCode', 'aria-invalid'), 'true');
  await watch.assertClean();
});

test('the language switch changes the page and the elements, and is remembered', async (t) => {
  const { page, watch } = await open(t);
  assert.equal(await page.textContent('h1'), 'Source package upload');
  await page.click('[data-lang=zh]');
  assert.equal(await page.textContent('h1'), '源码包上传');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.locator(`${fileEl} .drop-title`).textContent(), '将源码包拖到这里，或点击选择文件');
  await page.reload();
  await page.locator('#emulator-note:not([hidden])').waitFor({ state: 'attached' });
  assert.equal(await page.textContent('h1'), '源码包上传');
  await page.click('[data-lang=en]');
  assert.equal(await page.locator(`${fileEl} .drop-title`).textContent(), 'Drop a source package here, or click to choose');
  await watch.assertClean();
});

test('settings are remembered; secrets only when the box is ticked', async (t) => {
  const { page, watch } = await open(t, { appCode: 'demo-remember' });
  const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem('bkpaas-upload-demo') || '{}'));
  await page.fill('#accessToken', 'secret-token');
  assert.equal((await stored()).appCode, 'demo-remember');
  assert.equal((await stored()).accessToken, undefined);
  await page.check('#rememberSecrets');
  assert.equal((await stored()).accessToken, 'secret-token');
  await page.reload();
  assert.equal(await page.inputValue('#accessToken'), 'secret-token');
  assert.equal(await page.inputValue('#appCode'), 'demo-remember');
  await page.uncheck('#rememberSecrets');
  assert.equal((await stored()).accessToken, undefined);
  // Never in an attribute of the elements.
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML.includes('secret-token')), false);
  await watch.assertClean();
});

test('a Chinese browser gets the Chinese page', async (t) => {
  const { page, watch } = await open(t, { locale: 'zh-CN' });
  assert.equal(await page.textContent('h1'), '源码包上传');
  assert.equal(await page.locator('#tab-file').textContent(), '上传文件');
  await watch.assertClean();
});

for (const [label, viewport] of [['1280', { width: 1280, height: 800 }], ['390', { width: 390, height: 844 }]]) {
  test(`screenshots of the main states at ${label} px`, async (t) => {
    const { page, watch } = await open(t, { viewport, appCode: `demo-shots-${label}` });
    const shot = (name) => page.screenshot({ path: join(shots, `demo-${label}-${name}.png`), fullPage: false });
    const el = page.locator(fileEl);
    await shot('empty');

    // Sending, throttled so that percent, speed and time left show.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
    await page.locator(`${fileEl} input[type=file]`).setInputFiles(archives.big.path);
    await page.locator(`${fileEl} button.primary`).click();
    await page.waitForFunction((sel) => /\d+%/.test(document.querySelector(sel).shadowRoot.querySelector('.status').textContent)
      && document.querySelector(sel).shadowRoot.querySelector('.rate').textContent.includes('/s'), fileEl);
    await el.scrollIntoViewIfNeeded();
    await shot('progress');
    await page.locator(`${fileEl} [part~=cancel-button]`).click();
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    // Processing on the server: the emulator answers late.
    await setHeaders(page, fileEl, { 'X-Emulator-Fault': 'delay-ms=3000' });
    await page.locator(`${fileEl} input[type=file]`).setInputFiles(archives.small.path);
    await page.locator(`${fileEl} button.primary`).click();
    await page.locator(`${fileEl} .status`).filter({ hasText: 'Processing on server' }).waitFor();
    await shot('processing');
    await page.locator(`${fileEl} .result`).waitFor();
    await el.scrollIntoViewIfNeeded();
    await page.locator(`${fileEl} .result`).scrollIntoViewIfNeeded();
    await shot('result');

    await setHeaders(page, fileEl, { 'X-Emulator-Fault': 'html-500' });
    await page.locator(`${fileEl} [part~=again-button]`).click();
    await page.locator(`${fileEl} input[type=file]`).setInputFiles(archives.small.path);
    await page.locator(`${fileEl} button.primary`).click();
    await page.locator(`${fileEl} .error`).waitFor();
    await page.locator(`${fileEl} .error`).scrollIntoViewIfNeeded();
    await shot('error');
    await page.screenshot({ path: join(shots, `demo-${label}-full.png`), fullPage: true });
    await watch.assertClean();
  });
}
