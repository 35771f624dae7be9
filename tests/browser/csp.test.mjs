// Strict CSP: a page under exactly `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';
// connect-src 'self' <gateway>; require-trusted-types-for 'script'` imports /pkg/index.js and uploads to a gateway on
// another origin with zero violations. Negative controls prove the recorder and the policy work: without
// 'wasm-unsafe-eval' the wasm is refused, without the gateway in connect-src the request is, and an HTML sink throws
// under Trusted Types. And no eval / new Function / Function( in the built package or the examples, no inline script
// or inline handler in their HTML.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startEmulator, root } from '../lib/emulator.mjs';
import { launch, watchPage } from '../lib/browser.mjs';
import { makeArchive, storedBytes, sha256, tempDir, pkgDir } from '../lib/archives.mjs';
import { ensureBuilt, assembleSite, strictCsp } from '../fixtures/contexts/site.mjs';

let dir, gateway, site, browser;

before(async () => {
  ensureBuilt();
  dir = tempDir('csp-');
  gateway = await startEmulator([]); // CORS on: the page is on another origin
  const strict = strictCsp(gateway.origin);
  site = await startEmulator(['--www', assembleSite(join(dir, 'site'), {
    pages: {
      strict,
      'no-wasm': strict.replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self'"),
      'no-gateway': strictCsp(),
    },
  })]);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await gateway?.stop();
  await site?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens /<name>/index.html, uploads `archive` to the gateway; returns {page, watch, result, error}. */
async function upload(name, archive) {
  const page = await browser.context.newPage();
  const watch = await watchPage(page);
  await page.goto(`${site.origin}/${name}/index.html`);
  await page.waitForSelector('html[data-ready=true]', { state: 'attached' });
  await page.fill('#baseUrl', gateway.url);
  await page.setInputFiles('#file', archive.path);
  await page.click('#start');
  await page.waitForSelector('html[data-result], html[data-error]', { state: 'attached', timeout: 60000 });
  const attr = async (a) => { const v = await page.getAttribute('html', a); return v && JSON.parse(v); };
  return { page, watch, result: await attr('data-result'), error: await attr('data-error') };
}

const violations = (page) => page.evaluate(() => globalThis.__cspViolations || []);

test('strict CSP with Trusted Types: uploadFile to another origin succeeds with zero violations', async () => {
  const archive = makeArchive(dir, { name: 'demo-app-1.0.0.tar.gz', version: '1.0.0', padding: 64 * 1024 });
  const { page, watch, result, error } = await upload('strict', archive);
  assert.equal(error, null, JSON.stringify(error));
  assert.equal(result.version, '1.0.0');
  assert.equal(result.sha256Signature, archive.sha256);
  assert.equal(sha256(await storedBytes(gateway.origin, 'demo-app', 'default', '1.0.0')), archive.sha256);
  // The page really ran under exactly the required policy.
  assert.equal(await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content'),
    `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' ${gateway.origin}; require-trusted-types-for 'script'`);
  assert.notEqual(new URL(site.origin).port, new URL(gateway.origin).port, 'the gateway is another origin');
  assert.deepEqual(await violations(page), []);
  await watch.assertClean();
  await page.close();
});

test("negative control: without 'wasm-unsafe-eval' the wasm is refused and the recorder fails the page", async () => {
  const archive = makeArchive(dir, { name: 'demo-app-2.0.0.tar.gz', version: '2.0.0' });
  const { page, watch, result, error } = await upload('no-wasm', archive);
  assert.equal(result, null);
  assert.equal(error.name, 'UploadError', 'the wasm compile failure, before any request, as the package\'s error');
  assert.equal(error.kind, 'network');
  assert.match(error.message, /WebAssembly/);
  assert.match(error.message, /wasm-unsafe-eval/, 'the message says what to allow');
  const seen = await violations(page);
  assert.ok(seen.some((v) => v.startsWith('script-src')), JSON.stringify(seen));
  await assert.rejects(watch.assertClean(), /csp: script-src/);
  await page.close();
});

test('negative control: without the gateway in connect-src the request is refused (kind network)', async () => {
  const archive = makeArchive(dir, { name: 'demo-app-3.0.0.tar.gz', version: '3.0.0' });
  const { page, watch, result, error } = await upload('no-gateway', archive);
  assert.equal(result, null);
  assert.equal(error.name, 'UploadError');
  assert.equal(error.kind, 'network');
  await assert.rejects(watch.assertClean(), /csp: connect-src/);
  await page.close();
});

test('negative control: Trusted Types are enforced on the strict page (an HTML sink throws)', async () => {
  const page = await browser.context.newPage();
  const watch = await watchPage(page);
  await page.goto(`${site.origin}/strict/index.html`);
  await page.waitForSelector('html[data-ready=true]', { state: 'attached' });
  const thrown = await page.evaluate(() => {
    try { document.body.innerHTML = '<b>x</b>'; return null; } catch (e) { return e.name; }
  });
  assert.equal(thrown, 'TypeError');
  await assert.rejects(watch.assertClean(), /csp: require-trusted-types-for/);
  await page.close();
});

/** Files under `dir` (recursively) whose name matches `re`. */
function files(dir, re) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== 'node_modules') out.push(...files(p, re)); } else if (re.test(name)) out.push(p);
  }
  return out;
}

const DYNAMIC_CODE = [/\beval\s*\(/, /\bnew\s+Function\b/, /\bFunction\s*\(/, /\bset(?:Timeout|Interval)\s*\(\s*['"`]/];

test('no eval, new Function or Function( in the built package (pkg/**/*.js) or the examples', () => {
  const scanned = [...files(pkgDir, /\.js$/), ...files(join(root, 'examples'), /\.(m?js)$/), ...files(join(root, 'tests', 'fixtures', 'contexts'), /\.m?js$/)]
    .filter((f) => !f.includes(`${join('examples', 'extension', 'vendor')}`));
  assert.ok(scanned.some((f) => f === join(pkgDir, 'index.js')), 'pkg/index.js scanned');
  const found = [];
  for (const f of scanned) {
    const text = readFileSync(f, 'utf8');
    for (const re of DYNAMIC_CODE) {
      const m = re.exec(text);
      if (m) found.push(`${relative(root, f)}: ${text.slice(Math.max(0, m.index - 40), m.index + 40)}`);
    }
  }
  assert.deepEqual(found, []);
});

test('no inline script, inline handler or javascript: URL in the examples\' and test pages\' HTML', () => {
  const pages = [...files(join(root, 'examples'), /\.html$/), ...files(join(root, 'tests', 'fixtures', 'contexts'), /\.html$/)];
  assert.ok(pages.length >= 3);
  const found = [];
  for (const f of pages) {
    const html = readFileSync(f, 'utf8');
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      if (!/\bsrc=/.test(m[1]) || m[2].trim()) found.push(`${relative(root, f)}: inline <script>`);
    }
    if (/\son[a-z]+\s*=/i.test(html)) found.push(`${relative(root, f)}: inline event handler`);
    if (/javascript:/i.test(html)) found.push(`${relative(root, f)}: javascript: URL`);
    if (/<style\b|\sstyle\s*=/i.test(html)) found.push(`${relative(root, f)}: inline style (style-src 'self')`);
  }
  assert.deepEqual(found, []);
});
