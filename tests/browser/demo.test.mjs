// The demo page (www/) end to end in headless Chromium against the emulator: file upload checked against the stored
// bytes, link upload, a duplicate version replaced (asked first), cancel, errors as the core words them, the language
// switch, screenshots.
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

test('the same version is refused; the element offers to replace it, not a retry, and asks first', async (t) => {
  const { page, watch } = await open(t, { appCode: 'demo-overwrite' });
  const input = page.locator(`${fileEl} input[type=file]`);
  const primary = page.locator(`${fileEl} button.primary`);
  const second = page.locator(`${fileEl} [part~=replace-button]`);
  const error = page.locator(`${fileEl} .error`);
  const again = async () => {
    await page.locator(`${fileEl} [part~=again-button]`).click();
    await input.setInputFiles(archives.again.path);
    await primary.click();
    await error.waitFor();
  };
  await input.setInputFiles(archives.again.path);
  await primary.click();
  await page.locator(`${fileEl} .result`).waitFor();
  await again();
  // The core's words, then the facts the error carries.
  const e = await page.$eval(fileEl, (el) => ({ kind: el.error.kind, code: el.error.code, message: el.error.message }));
  assert.deepEqual([e.kind, e.code], ['api', 'PACKAGE_ALREADY_EXISTS']);
  const words = await error.textContent();
  assert.ok(words.includes(e.message), words);
  assert.match(words, /PACKAGE_ALREADY_EXISTS/);
  assert.match(words, /Request ID: [0-9a-f-]{36}/);
  // "Try again" cannot succeed: the one step offered is the replace, and it asks before sending.
  assert.equal(await primary.textContent(), 'Replace the stored package…');
  assert.equal(await second.isVisible(), false);
  const sent = async () => (await (await fetch(emu.origin + '/_emulator/requests')).json())
    .filter((r) => r.path.includes('/applications/demo-overwrite/'));
  const before = (await sent()).length;
  await primary.click();
  const ask = page.locator(`${fileEl} [part~=confirm]`);
  await ask.waitFor();
  assert.match(await ask.textContent(), /Replace it with this one\?/);
  assert.equal(await primary.getAttribute('aria-describedby'), 'confirm');
  assert.equal(await primary.textContent(), 'Replace it');
  // "Keep the stored one" takes the question back; nothing was sent.
  assert.equal(await second.textContent(), 'Keep the stored one');
  await second.click();
  assert.equal(await ask.isVisible(), false);
  assert.equal(await primary.textContent(), 'Replace the stored package…');
  assert.equal((await sent()).length, before);
  // Confirmed: the same file again, with allow_overwrite.
  await primary.click();
  await primary.click();
  await page.locator(`${fileEl} .result`).waitFor();
  assert.equal(await page.locator(`${fileEl} [data-field=version]`).textContent(), '2.0.0');
  const log = await sent();
  assert.equal(log.length, before + 1);
  assert.deepEqual(log.at(-1).fields.find(([k]) => k === 'allow_overwrite'), ['allow_overwrite', 'true']);
  assert.equal(await page.locator(`${fileEl} #overwrite`).isChecked(), false, 'a one-off replace leaves the box as it was');
  // A ticked box is a yes already: the replace goes without asking.
  await again();
  await page.locator(`${fileEl} #overwrite`).check();
  await primary.click();
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
  assert.ok(words.includes(await page.$eval(fileEl, (el) => el.error.message)), words);
  assert.equal(await error.locator('[data-field=local-sha256]').textContent(), archives.small.sha256);
  assert.equal(await error.locator('[data-field=server-sha256]').textContent(), sha256(stored));
  assert.match(words, /Sent \(this browser\).*Stored \(platform\)/);
  // The version now exists: the step offered is to replace it.
  const primary = page.locator(`${fileEl} button.primary`);
  assert.equal(await primary.textContent(), 'Replace the stored package…');
  await error.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'demo-1280-integrity.png') });
  await page.click('[data-lang=zh]');
  await error.filter({ hasText: '发送的（本浏览器）' }).waitFor();
  assert.match(await error.textContent(), /保存的（平台）/);
  assert.equal(await primary.textContent(), '覆盖已有的源码包…');
  // Replaced, without the fault: the stored bytes are those sent.
  await setHeaders(page, fileEl, {});
  await primary.click();
  await page.locator(`${fileEl} [part~=confirm]`).filter({ hasText: '要用当前源码包覆盖它吗' }).waitFor();
  await primary.click();
  await page.locator(`${fileEl} .result`).waitFor();
  assert.equal(sha256(await storedBytes(emu.origin, 'demo-integrity', 'default', '1.2.3')), archives.small.sha256);
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
  const error = page.locator(`${fileEl} .error`);
  const primary = page.locator(`${fileEl} button.primary`);
  const shown = async (kind) => {
    await error.locator(`xpath=self::*[@data-kind="${kind}"]`).waitFor();
    const e = await page.$eval(fileEl, (el) => ({ message: el.error.message, option: el.error.option, bodyExcerpt: el.error.bodyExcerpt }));
    const words = await error.textContent();
    assert.ok(e.message && words.includes(e.message), `${kind}: ${words}`);
    return { ...e, words };
  };
  const sent = async () => (await (await fetch(emu.origin + '/_emulator/requests')).json())
    .filter((r) => r.path.includes('/applications/demo-errors/')).length;

  // A file name the platform refuses: the core's check, nothing sent, and no retry (another file is needed).
  await page.locator(`${fileEl} input[type=file]`).setInputFiles({ name: 'my app.tar.gz', mimeType: 'application/gzip', buffer: archives.small.bytes });
  await primary.click();
  const named = await shown('validation');
  assert.equal(named.option, 'filename');
  assert.equal(await sent(), 0);
  assert.equal(await primary.isDisabled(), true);

  // The HTML 500 page of the apiserver: the body's start; maybe a duplicate (how the open-source server says it),
  // maybe passing: both steps.
  await setHeaders(page, fileEl, { 'X-Emulator-Fault': 'html-500' });
  await page.locator(`${fileEl} input[type=file]`).setInputFiles(archives.small.path);
  await primary.click();
  const html = await shown('http');
  assert.match(html.words, /HTTP 500/);
  assert.equal(await error.locator('blockquote').textContent(), html.bodyExcerpt);
  assert.match(html.bodyExcerpt, /Server Error \(500\)/);
  assert.equal(await primary.textContent(), 'Try again');
  assert.equal(await page.locator(`${fileEl} [part~=replace-button]`).textContent(), 'Replace the stored package…');

  // A wrong token: the gateway's envelope.
  await setHeaders(page, fileEl, {});
  await page.fill('#accessToken', 'wrong-token');
  await primary.click();
  const gateway = await shown('gateway');
  assert.match(gateway.words, /1640001/);
  assert.match(gateway.words, /INVALID_ARGS/);

  // Nobody answers (a closed port stands for CORS refused or offline): the advice on what to ask.
  await page.$eval(fileEl, (el) => { el.options = { retries: 0 }; });
  await page.fill('#baseUrl', 'http://127.0.0.1:9/api/bkpaas3');
  await primary.click();
  const network = await shown('network');
  assert.match(network.words, /CORS/);
  assert.match(network.words, /proxy/);
  await page.fill('#baseUrl', emu.url);

  // No app code: the package's own check, pointed at the panel's field.
  await page.fill('#accessToken', 'dev-token');
  await page.fill('#appCode', '');
  await primary.click();
  await page.waitForFunction((sel) => document.querySelector(sel).error?.option === 'appCode', fileEl);
  await shown('validation');
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
