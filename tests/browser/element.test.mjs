// <bkpaas-upload> alone on a strict-CSP page (only the element's script and the tag): success, error and cancel
// events, keyboard-only use, the step offered after each kind of failure, and screenshots in light and dark scheme
// at 390 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, root } from '../lib/emulator.mjs';
import { launch, watchPage } from '../lib/browser.mjs';
import { makeArchive, assembleSite, tempDir, storedBytes, sha256 } from '../lib/archives.mjs';
import { nextStep } from '../../js/element/next-step.js';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; "
  + "img-src 'self' data:; require-trusted-types-for 'script'";
const shots = join(root, 'target', 'screenshots');
let tmp, emu, archive, big;

before(async () => {
  mkdirSync(shots, { recursive: true });
  tmp = tempDir('element-');
  const site = assembleSite(join(tmp, 'site'), { www: false });
  writeFileSync(join(site, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="page.css">
<script type="module" src="pkg/element/index.js"></script>
<title>bkpaas-upload element</title></head>
<body><main><bkpaas-upload app-code="element-app" lang="en"></bkpaas-upload></main></body></html>
`);
  writeFileSync(join(site, 'page.css'), `:root { color-scheme: light dark; background: #f3f5f9; }
@media (prefers-color-scheme: dark) { :root { background: #13161c; } }
body { margin: 0; padding: 24px 16px; font-family: system-ui, sans-serif; }
main { max-width: 640px; margin: 0 auto; }
`);
  archive = makeArchive(tmp, { name: 'element-app-1.0.0.tar.gz', version: '1.0.0', appCode: 'element-app' });
  big = makeArchive(tmp, { name: 'element-app-9.0.0.tar.gz', version: '9.0.0', appCode: 'element-app', padding: 4 * 1024 * 1024 });
  emu = await startEmulator(['--www', site]);
});

after(async () => {
  await emu?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Opens the element page; the token is a property (never an attribute); events are recorded in `__events`. */
async function open(t, { viewport, colorScheme, appCode } = {}) {
  const browser = await launch({ viewport, colorScheme });
  t.after(browser.close);
  const page = browser.context.pages()[0] || await browser.context.newPage();
  const watch = await watchPage(page);
  await page.goto(emu.origin + '/');
  await page.waitForFunction(() => customElements.get('bkpaas-upload'));
  await page.evaluate((code) => {
    const el = document.querySelector('bkpaas-upload');
    el.accessToken = 'dev-token';
    if (code) el.setAttribute('app-code', code);
    window.__events = [];
    for (const type of ['bkpaas-progress', 'bkpaas-success', 'bkpaas-error', 'bkpaas-cancel']) {
      // Listening on the document proves the events bubble and cross the shadow boundary.
      document.addEventListener(type, (e) => window.__events.push({
        type, target: e.target.localName,
        detail: e.detail && Object.fromEntries(['version', 'packageName', 'packageSize', 'sha256Signature', 'phase',
          'loaded', 'total', 'kind', 'status', 'code', 'requestId'].map((k) => [k, e.detail[k] ?? null])),
      }));
    }
  }, appCode);
  return { page, watch };
}

const events = (page, type) => page.evaluate((ty) => window.__events.filter((e) => e.type === ty), type);

test('an upload succeeds and the success event carries the stored package', async (t) => {
  const { page, watch } = await open(t, { appCode: 'element-ok' });
  await page.locator('bkpaas-upload input[type=file]').setInputFiles(archive.path);
  await page.locator('bkpaas-upload button.primary').click();
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'bkpaas-success'));
  const [success] = await events(page, 'bkpaas-success');
  assert.equal(success.target, 'bkpaas-upload');
  assert.equal(success.detail.version, '1.0.0');
  assert.equal(success.detail.sha256Signature, archive.sha256);
  assert.equal(success.detail.packageSize, archive.bytes.length);
  assert.equal(sha256(await storedBytes(emu.origin, 'element-ok', 'default', '1.0.0')), archive.sha256);
  const progress = await events(page, 'bkpaas-progress');
  assert.ok(progress.some((p) => p.detail.phase === 'sending'), 'progress while sending');
  assert.ok(progress.some((p) => p.detail.phase === 'processing'), 'progress says processing');
  assert.equal(await page.locator('bkpaas-upload [data-field=sha256]').textContent(), archive.sha256);
  // The token never reaches the DOM.
  assert.doesNotMatch(await page.content(), /dev-token/);
  assert.equal(await page.evaluate(() => [...document.querySelector('bkpaas-upload').attributes].some((a) => a.value.includes('dev-token'))), false);
  await watch.assertClean();
});

test('a server error fires the error event and is shown in words', async (t) => {
  const { page, watch } = await open(t, { appCode: 'element-err' });
  await page.$eval('bkpaas-upload', (el) => { el.options = { retries: 0, headers: { 'X-Emulator-Fault': 'status=503' } }; });
  await page.locator('bkpaas-upload input[type=file]').setInputFiles(archive.path);
  await page.locator('bkpaas-upload button.primary').click();
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'bkpaas-error'));
  const [error] = await events(page, 'bkpaas-error');
  assert.equal(error.detail.status, 503);
  assert.ok(['gateway', 'http', 'api'].includes(error.detail.kind), error.detail.kind);
  const card = page.locator('bkpaas-upload .error');
  assert.equal(await card.getAttribute('role'), 'alert');
  assert.match(await card.textContent(), /503/);
  await watch.assertClean();
});

test('after a failure only steps that can succeed are offered', () => {
  const api = (code) => ({ kind: 'api', status: 400, code });
  const both = { retry: true, replace: true };
  const retry = { retry: true, replace: false };
  const replace = { retry: false, replace: true };
  const neither = { retry: false, replace: false };
  assert.deepEqual(nextStep(api('PACKAGE_ALREADY_EXISTS'), false), replace);
  assert.deepEqual(nextStep({ ...api('PACKAGE_ALREADY_EXISTS'), afterAmbiguousRetry: true }, false), replace);
  assert.deepEqual(nextStep(api('VALIDATION_ERROR'), false), retry);
  assert.deepEqual(nextStep({ kind: 'integrity', status: 200 }, false), replace);
  // The open-source server's duplicate is a bare HTML 500: a retry that met one says the first attempt stored it.
  assert.deepEqual(nextStep({ kind: 'http', status: 500, afterAmbiguousRetry: true }, false), replace);
  assert.deepEqual(nextStep({ kind: 'http', status: 500 }, false), both);
  assert.deepEqual(nextStep({ kind: 'http', status: 500 }, true), retry);
  assert.deepEqual(nextStep({ kind: 'http', status: 502 }, false), retry);
  assert.deepEqual(nextStep({ kind: 'validation', option: 'filename' }, false), neither);
  assert.deepEqual(nextStep({ kind: 'validation', option: 'file' }, false), neither);
  assert.deepEqual(nextStep({ kind: 'validation', option: 'appCode' }, false), retry);
  assert.deepEqual(nextStep({ kind: 'network' }, false), retry);
});

test('errors are the core\'s words, under the element\'s own heading, in its language', async (t) => {
  const { page, watch } = await open(t, { appCode: 'element-words' });
  await page.$eval('bkpaas-upload', (el) => { el.setAttribute('lang', 'zh'); el.options = { retries: 0, headers: { 'X-Emulator-Fault': 'status=503' } }; });
  await page.locator('bkpaas-upload input[type=file]').setInputFiles(archive.path);
  await page.locator('bkpaas-upload button.primary').click();
  const card = page.locator('bkpaas-upload .error');
  await card.waitFor();
  assert.equal(await card.locator('h3').textContent(), '!上传未成功');
  const message = await page.$eval('bkpaas-upload', (el) => el.error.message);
  // The element passed its language as the core's `locale`: Chinese words, and the server asked for Chinese too.
  assert.match(message, /[\u4e00-\u9fff]/);
  const [sent] = (await (await fetch(emu.origin + '/_emulator/requests')).json())
    .filter((r) => r.path.includes('/applications/element-words/'));
  assert.match(sent.headers.find(([k]) => k === 'accept-language')?.[1] ?? '', /^zh-CN/);
  assert.equal(await card.locator('p').first().textContent(), message);
  assert.equal(await page.locator('bkpaas-upload button.primary').textContent(), '重试');
  // Link mode asks for its two fields before anything is sent; what a URL may be is the core's check.
  await page.$eval('bkpaas-upload', (el) => { el.setAttribute('lang', 'en'); el.options = { retries: 0 }; el.mode = 'link'; el.reset(); });
  await page.locator('bkpaas-upload button.primary').click();
  const prompt = page.locator('bkpaas-upload [part~=validation]');
  assert.equal(await prompt.textContent(), 'Enter the package URL.');
  assert.equal(await page.locator('bkpaas-upload #package-url').getAttribute('aria-invalid'), 'true');
  await page.fill('bkpaas-upload #package-url', 'ftp://example.com/app-1.0.tgz');
  await page.locator('bkpaas-upload button.primary').click();
  await card.waitFor();
  assert.deepEqual(await page.$eval('bkpaas-upload', (el) => [el.error.kind, el.error.option]), ['validation', 'packageUrl']);
  assert.equal(await prompt.isVisible(), false);
  await watch.assertClean();
});

test('cancel aborts the upload and fires the cancel event', async (t) => {
  const { page, watch } = await open(t, { appCode: 'element-cancel' });
  await page.$eval('bkpaas-upload', (el) => { el.options = { headers: { 'X-Emulator-Fault': 'stall-ms=20000' } }; });
  await page.locator('bkpaas-upload input[type=file]').setInputFiles(big.path);
  await page.locator('bkpaas-upload button.primary').click();
  await page.locator('bkpaas-upload .progress').waitFor();
  await page.locator('bkpaas-upload [part~=cancel-button]').click();
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'bkpaas-cancel'));
  assert.equal((await events(page, 'bkpaas-error')).length, 0);
  assert.equal(await page.$eval('bkpaas-upload', (el) => el.state), 'ready');
  await watch.assertClean();
});

test('link mode: the link\'s file name prefills the version until the user types one', async (t) => {
  const { page, watch } = await open(t, { appCode: 'element-link' });
  await page.$eval('bkpaas-upload', (el) => { el.mode = 'link'; });
  const url = page.locator('bkpaas-upload #package-url');
  const version = page.locator('bkpaas-upload #version');
  await url.fill('https://example.com/releases/my-app-1.2.3.tar.gz');
  assert.equal(await version.inputValue(), '1.2.3');
  await url.fill('https://example.com/dl/app_v2.0.zip?token=x');
  assert.equal(await version.inputValue(), '2.0');
  await url.fill('https://example.com/dl/latest.tgz');
  assert.equal(await version.inputValue(), '', 'no version in the name: the prefill is taken back');
  // Typed by the user: a new link no longer changes it.
  await url.fill('https://example.com/my-app-1.2.3.tar.gz');
  await version.fill('custom-7');
  await url.fill('https://example.com/my-app-4.5.6.tgz');
  assert.equal(await version.inputValue(), 'custom-7');
  // Cleared by the user: the link's version fills it again on the next change.
  await version.fill('');
  await url.fill('https://example.com/my-app-4.5.7.tgz');
  assert.equal(await version.inputValue(), '4.5.7');
  // A page setting the URL property gets the same prefill.
  await page.$eval('bkpaas-upload', (el) => { el.reset(); el.packageUrl = 'https://example.com/a/svc-10.0.1-rc1.tar.bz2'; });
  assert.equal(await page.$eval('bkpaas-upload', (el) => el.version), '10.0.1-rc1');
  // The rule itself, as exported.
  const cases = await page.evaluate(async () => {
    const { versionFromUrl } = await import('./pkg/element/index.js');
    return ['https://h/my-app-1.2.3.tar.gz', 'https://h/app_v2.0.zip', 'https://h/x/pkg-V3.tar.xz', 'https://h/a-b_c-9',
      'https://h/app.tar.gz', 'https://h/v1.2/app.tgz', 'https://h/my%20app-1.0.tgz', 'https://h/', 'not a url-1.0.tgz']
      .map(versionFromUrl);
  });
  assert.deepEqual(cases, ['1.2.3', '2.0', '3', '9', '', '', '1.0', '', '']);
  await watch.assertClean();
});

test('verify: a match is marked on the card, off by default', async (t) => {
  const { page, watch } = await open(t, { appCode: 'element-verify' });
  assert.equal(await page.$eval('bkpaas-upload', (el) => el.verify), false);
  await page.$eval('bkpaas-upload', (el) => { el.verify = true; });
  assert.equal(await page.$eval('bkpaas-upload', (el) => el.hasAttribute('verify')), true);
  await page.locator('bkpaas-upload input[type=file]').setInputFiles(archive.path);
  await page.locator('bkpaas-upload button.primary').click();
  await page.locator('bkpaas-upload .result').waitFor();
  assert.equal(await page.$eval('bkpaas-upload', (el) => el.result.localSha256), archive.sha256);
  assert.match(await page.locator('bkpaas-upload [data-field=verified]').textContent(), /Verified/);
  await page.$eval('bkpaas-upload', (el) => { el.setAttribute('lang', 'zh'); });
  assert.match(await page.locator('bkpaas-upload [data-field=verified]').textContent(), /已校验/);
  // Without verify, no mark.
  await page.$eval('bkpaas-upload', (el) => { el.verify = false; el.setAttribute('lang', 'en'); el.reset(); });
  await page.locator('bkpaas-upload input[type=file]').setInputFiles(archive.path);
  await page.locator('bkpaas-upload #overwrite').check();
  await page.locator('bkpaas-upload button.primary').click();
  await page.locator('bkpaas-upload .result').waitFor();
  assert.equal(await page.locator('bkpaas-upload [data-field=verified]').count(), 0);
  await watch.assertClean();
});

test('keyboard only: Tab to the drop zone, Enter opens the chooser, Tab and Enter upload', async (t) => {
  const { page, watch } = await open(t, { appCode: 'element-keys' });
  const focused = () => page.evaluate(() => {
    const host = document.activeElement;
    const inner = host?.shadowRoot?.activeElement;
    return inner ? (inner.getAttribute('part') || inner.localName) : host?.localName;
  });
  // Playwright intercepts file choosers only while someone listens, and switches that on asynchronously:
  // keep one listener for the whole test, and let a key press try again if it raced the switch.
  page.on('filechooser', () => {});
  const chooseWith = async (key) => {
    for (let i = 0; i < 5; i++) {
      const next = page.waitForEvent('filechooser', { timeout: 2000 }).catch(() => null);
      await page.keyboard.press(key);
      const chooser = await next;
      if (chooser) return chooser;
    }
    assert.fail(`${key} did not open the file chooser`);
  };
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'dropzone');
  await (await chooseWith('Enter')).setFiles(archive.path);
  await page.locator('bkpaas-upload .file-name').filter({ hasText: archive.name }).waitFor();
  assert.equal(await focused(), 'dropzone');
  await (await chooseWith(' ')).setFiles(archive.path);
  let steps = 0;
  while ((await focused()) !== 'button upload-button' && steps++ < 5) await page.keyboard.press('Tab');
  assert.equal(await focused(), 'button upload-button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'bkpaas-success'));
  await watch.assertClean();
});

for (const colorScheme of ['light', 'dark']) {
  for (const width of [390, 1280]) {
    test(`screenshots: ${colorScheme} scheme at ${width} px`, async (t) => {
      const { page, watch } = await open(t, { viewport: { width, height: 800 }, colorScheme, appCode: `element-shot-${colorScheme}-${width}` });
      const el = page.locator('bkpaas-upload');
      const shot = (name) => el.screenshot({ path: join(shots, `element-${colorScheme}-${width}-${name}.png`) });
      await shot('empty');
      await page.locator('bkpaas-upload input[type=file]').setInputFiles(archive.path);
      await page.locator('bkpaas-upload .file-meta').filter({ hasText: 'gzip' }).waitFor();
      await shot('ready');
      await page.locator('bkpaas-upload button.primary').click();
      await page.locator('bkpaas-upload .result').waitFor();
      await shot('result');
      await page.$eval('bkpaas-upload', (el) => { el.options = { retries: 0, headers: { 'X-Emulator-Fault': 'html-500' } }; });
      await page.locator('bkpaas-upload [part~=again-button]').click();
      await page.locator('bkpaas-upload input[type=file]').setInputFiles(archive.path);
      await page.locator('bkpaas-upload button.primary').click();
      await page.locator('bkpaas-upload .error').waitFor();
      await shot('error');
      await watch.assertClean();
    });
  }
}
