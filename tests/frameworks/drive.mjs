// The browser tests both framework examples share: each example is the same page (same fields, same ids), built
// by its own Vite and served by the emulator (page and API same-origin), driven in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator, root } from '../lib/emulator.mjs';
import { launch, watchPage } from '../lib/browser.mjs';
import { makeArchive, storedBytes, sha256 } from '../lib/archives.mjs';
import { installExample, buildExample } from './app.mjs';

const shots = join(root, 'target', 'screenshots');

/** Registers the tests of examples/<name>. */
export function exampleTests(name) {
  let app, emu, browser, archive, big, fixture;

  before(async () => {
    app = installExample(name);
    const dist = buildExample(app.dir);
    const files = join(app.dir, '..', 'files');
    const fixtures = join(app.dir, '..', 'fixtures');
    mkdirSync(files);
    mkdirSync(fixtures);
    mkdirSync(shots, { recursive: true });
    archive = makeArchive(files, { name: `${name}-app-1.0.0.tar.gz`, version: '1.0.0' });
    big = makeArchive(files, { name: `${name}-app-9.0.0.tar.gz`, version: '9.0.0', padding: 4 * 1024 * 1024 });
    fixture = makeArchive(fixtures, { name: `${name}-link-2.0.0.tar.gz`, version: '2.0.0' });
    emu = await startEmulator(['--www', dist, '--fixtures', fixtures]);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await emu?.stop();
    app?.cleanup();
  });

  /** Opens the built app with an app code of its own and the emulator's token typed in the token field. */
  async function open(t, appCode, fault = '') {
    const page = await browser.context.newPage();
    t.after(() => page.close());
    const watch = await watchPage(page);
    await page.goto(emu.origin + '/');
    await page.locator('bkpaas-upload [part~=dropzone]').waitFor();
    await page.fill('input[name=app-code]', appCode);
    await page.fill('input[name=token]', emu.token);
    if (fault) await page.fill('input[name=fault]', fault);
    return { page, watch };
  }

  /** Console warnings and errors of a page (development builds of Vue and React warn there). */
  function consoleProblems(page) {
    const seen = [];
    page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') seen.push(m.text()); });
    return seen;
  }

  const pick = (page, file) => page.locator('bkpaas-upload input[type=file]').setInputFiles(file.path);
  const send = (page) => page.locator('bkpaas-upload [part~=upload-button]').click();

  test(`${name}: a picked file is stored and the page shows the stored version`, async (t) => {
    const appCode = `${name}-ok`;
    const { page, watch } = await open(t, appCode);
    await pick(page, archive);
    await send(page);
    const shown = page.locator('#element-result');
    await shown.waitFor();
    assert.match(await shown.textContent(), /Stored version 1\.0\.0/);
    assert.match(await shown.textContent(), new RegExp(archive.sha256));
    // The page got it from the success event; the emulator stored these very bytes.
    assert.equal(sha256(await storedBytes(emu.origin, appCode, 'default', '1.0.0')), archive.sha256);
    // getAuth is a property: the token is in no attribute of the page.
    const leaked = await page.evaluate((token) => [...document.querySelectorAll('*')]
      .some((el) => [...el.attributes].some((a) => a.value.includes(token))), emu.token);
    assert.equal(leaked, false);
    await page.screenshot({ path: join(shots, `example-${name}.png`), fullPage: true });
    await watch.assertClean();
  });

  test(`${name}: a gateway error is shown in words`, async (t) => {
    const { page, watch } = await open(t, `${name}-err`, 'status=502');
    await pick(page, archive);
    await send(page);
    const shown = page.locator('#element-error');
    await shown.waitFor();
    assert.match(await shown.textContent(), /^gateway error \(HTTP 502\): \S+/);
    const card = page.locator('bkpaas-upload [part=error]');
    assert.equal(await card.getAttribute('role'), 'alert');
    assert.match(await card.textContent(), /API gateway/);
    assert.match(await card.textContent(), /HTTP 502/);
    assert.equal(await page.locator('#element-result').count(), 0);
    await watch.assertClean();
  });

  test(`${name}: Cancel stops the upload`, async (t) => {
    const { page, watch } = await open(t, `${name}-cancel`, 'stall-ms=20000');
    await pick(page, big);
    await send(page);
    await page.locator('bkpaas-upload [part~=cancel-button]').click();
    await page.locator('#element-cancelled').waitFor();
    assert.equal(await page.$eval('bkpaas-upload', (el) => el.state), 'ready');
    assert.equal(await page.locator('#element-error').count(), 0);
    await watch.assertClean();
  });

  test(`${name}: the core without the element uploads by link and shows typed errors`, async (t) => {
    const appCode = `${name}-link`;
    const { page, watch } = await open(t, appCode);
    const error = page.locator('#link-error');
    const link = async (url, version = '') => {
      await page.fill('input[name=package-url]', url);
      await page.fill('input[name=version]', version);
      await page.click('button[type=submit]');
    };
    // Refused before any request: the core's validation names the option.
    await link('ftp://example.com/app-1.0.0.tar.gz');
    await error.waitFor();
    assert.match(await error.textContent(), /^Check the packageUrl field: \S+/);
    // Refused by the platform: a host that is not on its allow-list.
    await link('http://203.0.113.9/app-1.0.0.tar.gz', '1.0.0');
    await page.waitForFunction(() => /refused/.test(document.getElementById('link-error')?.textContent ?? ''));
    assert.match(await error.textContent(), /^The platform refused it \(VALIDATION_ERROR\): \S+/);
    // A link the platform can download.
    await link(`${emu.origin}/_emulator/fixtures/${fixture.name}`, '2.0.0');
    await page.locator('#link-result').waitFor();
    assert.match(await page.locator('#link-result').textContent(), /Stored version 2\.0\.0/);
    assert.equal(await error.count(), 0);
    assert.equal(sha256(await storedBytes(emu.origin, appCode, 'default', '2.0.0')), fixture.sha256);
    // Cancel while the platform "works" on it.
    await page.fill('input[name=fault]', 'delay-ms=20000');
    await link(`${emu.origin}/_emulator/fixtures/${fixture.name}`, '2.0.1');
    await page.locator('form').getByRole('button', { name: 'Cancel' }).click();
    await page.waitForFunction(() => document.getElementById('link-error')?.textContent === 'Upload cancelled.');
    assert.equal(await page.locator('button[type=submit]').isEnabled(), true);
    await watch.assertClean();
  });

  test(`${name}: \`npm run dev\` (Vite's dev server, its proxy to the gateway) uploads with no console warning`, async (t) => {
    // The example's own Vite and config, in this process (it stops with it); the proxy target is the emulator.
    const vite = await import(pathToFileURL(join(app.dir, 'node_modules', 'vite', 'dist', 'node', 'index.js')).href);
    process.env.BKPAAS_GATEWAY_ORIGIN = emu.origin;
    const server = await vite.createServer({
      root: app.dir, logLevel: 'silent', server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    });
    t.after(() => server.close());
    await server.listen();
    const origin = server.resolvedUrls.local[0].replace(/\/$/, '');
    const page = await browser.context.newPage();
    t.after(() => page.close());
    const problems = consoleProblems(page);
    const watch = await watchPage(page);
    await page.goto(origin + '/');
    await page.locator('bkpaas-upload [part~=dropzone]').waitFor();
    const appCode = `${name}-dev`;
    await page.fill('input[name=app-code]', appCode);
    await page.fill('input[name=token]', emu.token);
    await pick(page, archive);
    await send(page);
    await page.locator('#element-result').waitFor();
    assert.equal(sha256(await storedBytes(emu.origin, appCode, 'default', '1.0.0')), archive.sha256);
    assert.deepEqual(problems, []);
    await watch.assertClean();
  });
}
