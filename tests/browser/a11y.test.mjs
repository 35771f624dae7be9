// Accessibility checked by a checker: axe-core's WCAG 2.1 A and AA rules find no violation on the demo page and on
// <bkpaas-upload> alone (its default colours), idle, with a result and with an error, in zh and en, light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { startEmulator } from '../lib/emulator.mjs';
import { launch, watchPage } from '../lib/browser.mjs';
import { makeArchive, assembleSite, tempDir } from '../lib/archives.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let tmp, emu, archive;

before(async () => {
  tmp = tempDir('a11y-');
  const site = assembleSite(join(tmp, 'site'));
  // The element alone, with no page styles touching it: its own default colours.
  writeFileSync(join(site, 'element.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<script type="module" src="pkg/element/index.js"></script>
<title>bkpaas-upload element</title></head>
<body><main><h1>Upload</h1><bkpaas-upload app-code="a11y-app" lang="en"></bkpaas-upload></main></body></html>
`);
  archive = makeArchive(tmp, { name: 'a11y-app-1.0.0.tar.gz', version: '1.0.0', appCode: 'a11y-app' });
  emu = await startEmulator(['--www', site]);
});

after(async () => {
  await emu?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** axe's violations on the page as one line each: `rule (impact): selector [, selector…]`. */
async function violations(page) {
  const found = await page.evaluate(async ([source, tags]) => {
    if (!globalThis.axe) (0, eval)(source);
    const r = await globalThis.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' >>> ')).join(', ')}`);
  }, [axeSource, TAGS]);
  return found;
}

/** Checks `page` in one state; returns the failures with the state's name, so every state is reported. */
async function check(page, state) {
  // Transitions end before colours are read (axe reads computed colours).
  await page.waitForTimeout(250);
  return (await violations(page)).map((v) => `${state}: ${v}`);
}

for (const colorScheme of ['light', 'dark']) {
  test(`the demo page has no WCAG 2.1 AA violation (${colorScheme})`, async (t) => {
    const browser = await launch({ colorScheme });
    t.after(browser.close);
    const page = browser.context.pages()[0] || await browser.context.newPage();
    const watch = await watchPage(page);
    const problems = [];
    for (const lang of ['zh', 'en']) {
      await page.goto(emu.origin + '/');
      await page.locator('#emulator-note:not([hidden])').waitFor({ state: 'attached' });
      await page.waitForFunction(() => document.querySelector('#accessToken').value === 'dev-token');
      await page.click(`[data-lang=${lang}]`);
      await page.$eval('#appCode', (input, v) => { input.value = v; input.dispatchEvent(new Event('input', { bubbles: true })); }, `a11y-demo-${colorScheme}-${lang}`);
      problems.push(...await check(page, `${lang} idle`));

      const el = '#upload-file';
      await page.locator(`${el} input[type=file]`).setInputFiles(archive.path);
      await page.locator(`${el} .file-meta`).filter({ hasText: /gzip/ }).waitFor();
      await page.locator(`${el} button.primary`).click();
      await page.locator(`${el} .result`).waitFor();
      problems.push(...await check(page, `${lang} result`));

      // The same version again: the duplicate error, with its replace step and its confirmation.
      await page.locator(`${el} [part~=again-button]`).click();
      await page.locator(`${el} input[type=file]`).setInputFiles(archive.path);
      await page.locator(`${el} button.primary`).click();
      await page.locator(`${el} .error`).waitFor();
      problems.push(...await check(page, `${lang} duplicate error`));
      await page.locator(`${el} button.primary`).click();
      await page.locator(`${el} [part~=confirm]`).waitFor();
      problems.push(...await check(page, `${lang} replace confirmation`));

      // The replace answered by an HTML 500: the body excerpt, the code and the request id.
      await page.$eval(el, (u) => { u.options = { retries: 0, headers: { 'X-Emulator-Fault': 'html-500' } }; });
      await page.locator(`${el} button.primary`).click();
      await page.locator(`${el} blockquote`).waitFor();
      problems.push(...await check(page, `${lang} server error`));

      await page.click('#tab-link');
      await page.locator('#upload-link #package-url').waitFor();
      problems.push(...await check(page, `${lang} link tab`));
    }
    assert.deepEqual(problems, []);
    await watch.assertClean();
  });

  test(`<bkpaas-upload> alone has no WCAG 2.1 AA violation (${colorScheme})`, async (t) => {
    const browser = await launch({ colorScheme });
    t.after(browser.close);
    const page = browser.context.pages()[0] || await browser.context.newPage();
    const watch = await watchPage(page);
    const problems = [];
    for (const lang of ['zh', 'en']) {
      await page.goto(emu.origin + '/element.html');
      await page.waitForFunction(() => customElements.get('bkpaas-upload'));
      await page.evaluate(([l, code]) => {
        document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
        const el = document.querySelector('bkpaas-upload');
        el.setAttribute('lang', l);
        el.setAttribute('app-code', code);
        el.accessToken = 'dev-token';
      }, [lang, `a11y-el-${colorScheme}-${lang}`]);
      problems.push(...await check(page, `${lang} idle`));
      await page.locator('bkpaas-upload input[type=file]').setInputFiles(archive.path);
      await page.locator('bkpaas-upload .file-meta').filter({ hasText: /gzip/ }).waitFor();
      problems.push(...await check(page, `${lang} file picked`));
      await page.$eval('bkpaas-upload', (u) => { u.verify = true; });
      await page.locator('bkpaas-upload button.primary').click();
      await page.locator('bkpaas-upload [data-field=verified]').waitFor();
      problems.push(...await check(page, `${lang} result`));
      await page.$eval('bkpaas-upload', (u) => { u.verify = false; u.options = { retries: 0, headers: { 'X-Emulator-Fault': 'html-500' } }; });
      await page.locator('bkpaas-upload [part~=again-button]').click();
      await page.locator('bkpaas-upload input[type=file]').setInputFiles(archive.path);
      await page.locator('bkpaas-upload button.primary').click();
      await page.locator('bkpaas-upload .error').waitFor();
      problems.push(...await check(page, `${lang} error`));
      await page.$eval('bkpaas-upload', (u) => { u.mode = 'link'; u.reset(); });
      await page.locator('bkpaas-upload button.primary').click();
      await page.locator('bkpaas-upload [part~=validation]').waitFor();
      problems.push(...await check(page, `${lang} link, field missing`));
    }
    assert.deepEqual(problems, []);
    await watch.assertClean();
  });
}
