// Hostile and odd servers, against the built package in Chromium: a server (or proxy) that echoes the request's
// credentials back in every shape of answer, redirects to another origin, trickles its answer, sends no reason
// phrase or a success body no server sends. Also objects of another realm (an iframe's File, Blob and signal), a file
// changed on disk after it was picked, and 100 uploads at once behind the browser's six connections per host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, cpSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { startEmulator, root } from '../lib/emulator.mjs';
import { launch } from '../lib/browser.mjs';
import { tempDir, assembleSite, tarArchive } from '../lib/archives.mjs';

const TOKEN = 'tok-SECRET-4f9a1c';
const APP_SECRET = 'app-secret-77d0e2';
const USER_TOKEN = 'user-token-b3c5a8';
const SECRETS = [TOKEN, APP_SECRET, USER_TOKEN];
// A valid tar, as numbers for page.evaluate.
const TAR = [...tarArchive([['app_desc.yaml', 'spec_version: 2\n']])];
const TYPES = { '.js': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm', '.css': 'text/css' };
const PACKAGE = { id: 1, version: '1', package_name: 'a-1.tar', package_size: '2048', sha256_signature: null,
  is_deleted: false, created: '2026-01-01 00:00:00 +0800', updated: '2026-01-01 00:00:00 +0800', operator: 'x' };

let site, page, close, main, other, emu, dir;
const listen = (handler) => new Promise((resolve) => {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1', () => resolve(server));
});
const origin = (server) => `http://127.0.0.1:${server.address().port}`;
const drain = (req) => new Promise((resolve) => { req.on('data', () => {}); req.on('end', resolve); });

/** What the hostile API does, by app code. Every answer that can echoes the request headers it was sent. */
async function hostile(req, res, app) {
  await drain(req);
  const echoed = JSON.stringify(req.headers);
  const send = (status, body, type = 'application/json', headers = {}) => {
    res.writeHead(status, { 'Content-Type': type, ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  switch (app) {
    case 'echo-html': return send(500, `<html><body><h1>Server Error</h1><pre>${echoed}</pre></body></html>`, 'text/html');
    case 'echo-detail': return send(400, { code: 'VALIDATION_ERROR', detail: `bad headers: ${echoed}`, fields_detail: { headers: [echoed] } });
    case 'echo-gateway': return send(400, { code: 1640001, code_name: 'INVALID_ARGS', message: `Parameters error ${echoed}`, result: false, data: null });
    case 'echo-text': return send(502, `upstream said: ${req.headers['x-bkapi-authorization']}`, 'text/plain');
    case 'echo-success': return send(200, { detail: echoed }, 'application/json', { 'X-Bkapi-Request-Id': req.headers['x-bkapi-authorization'] });
    case 'redirect-302': return send(302, '', 'text/plain', { Location: `${origin(other)}/steal` });
    case 'redirect-307': return send(307, '', 'text/plain', { Location: `${origin(other)}/steal` });
    case 'no-phrase': res.writeHead(431, '', { 'Content-Type': 'text/plain' }); return res.end('too big');
    case 'huge-size': return send(200, { ...PACKAGE, package_size: 1e30 });
    case 'fraction-id': return send(200, { ...PACKAGE, id: 1.5 });
    case 'empty-version': return send(200, { ...PACKAGE, version: '' });
    case 'trickle': {
      // The answer starts at once, then comes one byte every 300 ms: slow, but alive.
      res.writeHead(201, { 'Content-Type': 'application/json' });
      const body = JSON.stringify(PACKAGE).padEnd(JSON.stringify(PACKAGE).length + 8, ' ');
      let at = 0;
      const step = () => {
        if (at >= body.length - 8) return res.end(body.slice(at));
        res.write(body[at++]);
        if (at > body.length - 14) setTimeout(step, 300); else step();
      };
      return step();
    }
    default: return send(404, { code: 'ERROR', detail: 'unknown test app' });
  }
}

before(async () => {
  dir = tempDir('hostile-');
  site = assembleSite(join(dir, 'site'), { www: false });
  cpSync(join(root, 'tests', 'fixtures', 'core'), join(site, 'core'), { recursive: true });
  // The other origin: accepts anything cross-origin, records what reached it, answers like a successful upload.
  other = await listen((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', origin(main));
    res.setHeader('Access-Control-Allow-Headers', '*, X-Bkapi-Authorization');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    other.seen.push({ method: req.method, auth: req.headers['x-bkapi-authorization'] || null });
    if (req.method === 'OPTIONS') return res.end();
    drain(req).then(() => { res.setHeader('Content-Type', 'application/json'); res.end(JSON.stringify(PACKAGE)); });
  });
  other.seen = [];
  main = await listen((req, res) => {
    const m = /^\/api\/bkpaas3\/prod\/bkapps\/applications\/([^/]+)\/modules\/default\/source_package\//.exec(req.url);
    if (m && req.method === 'POST') return hostile(req, res, m[1]);
    const path = join(site, decodeURIComponent(req.url.split('?')[0]));
    try {
      const body = readFileSync(statSync(path).isDirectory() ? join(path, 'index.html') : path);
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  emu = await startEmulator();
  const b = await launch();
  close = b.close;
  page = await b.context.newPage();
  await page.goto(`${origin(main)}/core/index.html`);
  await page.evaluate(() => window.ready);
});

after(async () => {
  await close?.();
  main?.close();
  other?.close();
  await emu?.stop();
});

/** Uploads a small tar to `app` on the hostile server; resolves to the package or the error's fields (all of them). */
function upload(app, extra = {}, auth = { accessToken: TOKEN }) {
  return page.evaluate(async ([app, extra, auth, tar]) => {
    const file = new File([new Uint8Array(tar)], 'a-1.tar');
    try {
      return { ok: await window.bk.uploadFile({ baseUrl: '/api/bkpaas3', appCode: app, file, retries: 0, ...auth, ...extra }) };
    } catch (e) {
      const fields = Object.fromEntries(Object.keys(e).map((k) => [k, e[k]]));
      return { error: { ...fields, message: e.message, isUploadError: e instanceof window.bk.UploadError } };
    }
  }, [app, extra, auth, TAR]);
}

/** Every text an error carries, as one string. */
const texts = (error) => JSON.stringify(error);

test('credentials echoed back by the server never reach any error field', async () => {
  const styles = [{ accessToken: TOKEN }, { bkAppCode: 'my-app', bkAppSecret: APP_SECRET, bkToken: USER_TOKEN }];
  for (const app of ['echo-html', 'echo-detail', 'echo-gateway', 'echo-text', 'echo-success']) {
    for (const auth of styles) {
      for (const locale of ['en', 'zh-CN']) {
        const { error } = await upload(app, { locale }, auth);
        assert.ok(error?.isUploadError, `${app}: an UploadError`);
        const all = texts(error);
        for (const secret of SECRETS) assert.ok(!all.includes(secret), `${app} ${locale}: ${secret} leaked in ${all}`);
        assert.ok(all.includes('[redacted]'), `${app}: the echo is shown, redacted: ${all}`);
      }
    }
  }
});

test('a redirect to another origin is a typed error, never a success', async () => {
  for (const [app, status] of [['redirect-302', 302], ['redirect-307', 307]]) {
    other.seen.length = 0;
    const { ok, error } = await upload(app);
    assert.equal(ok, undefined, `${app} resolved: ${JSON.stringify(ok)}`);
    assert.equal(error.kind, 'redirect', app);
    assert.equal(error.redirectUrl, `${origin(other)}/steal`);
    // XMLHttpRequest followed it by itself: the error says the request (and its credential header) went there.
    assert.equal(error.credentialSent, true);
    assert.match(error.message, /redirected to http:\/\/127\.0\.0\.1:\d+\/steal/);
    assert.match(error.message, /credential/);
    assert.equal(error.retryable, false);
    assert.ok(other.seen.length >= 1, `${status}: the browser did follow`);
  }
});

test('a trickling answer is not killed by responseTimeout, and a status without a phrase reads cleanly', async () => {
  const { ok, error } = await upload('trickle', { responseTimeout: 500, stallTimeout: 5000 });
  assert.equal(error, undefined, error && error.message);
  assert.equal(ok.version, '1');
  const bare = (await upload('no-phrase')).error;
  assert.equal(bare.status, 431);
  assert.doesNotMatch(bare.message, /431 (:|$|\()/, bare.message);
  assert.match(bare.message, /: 431: too big/);
});

test('success bodies no server sends are response errors', async () => {
  for (const app of ['huge-size', 'fraction-id', 'empty-version']) {
    const { ok, error } = await upload(app);
    assert.equal(ok, undefined, app);
    assert.equal(error.kind, 'response', app);
    assert.equal(error.mayBeStored, true, `${app}: the server said success`);
  }
});

test("a File, a Blob and an AbortSignal from another realm (an iframe's) are accepted", async () => {
  const result = await page.evaluate(async ([url, tar]) => {
    const frame = document.createElement('iframe');
    frame.src = 'about:blank';
    document.body.append(frame);
    await new Promise((r) => setTimeout(r, 50));
    const w = frame.contentWindow;
    const bytes = new w.Uint8Array(tar);
    const file = new w.File([bytes], 'realm-1.tar');
    const blob = new w.Blob([bytes]);
    const signal = new w.AbortController().signal;
    const base = { baseUrl: url, appCode: 'realm', accessToken: 'dev-token' };
    const a = await window.bk.uploadFile({ ...base, file, signal });
    const b = await window.bk.uploadFile({ ...base, file: blob, filename: 'realm-2.tar' });
    const c = new w.AbortController();
    const pending = window.bk.uploadFile({ ...base, file: blob, filename: 'realm-3.tar', signal: c.signal,
      headers: { 'X-Emulator-Fault': 'delay-ms=2000' } }).catch((e) => e.kind);
    setTimeout(() => c.abort(), 100);
    return [a.version, b.version, await pending];
  }, [emu.url, TAR]);
  assert.deepEqual(result, ['1', '2', 'aborted']);
});

test('a file changed on disk after it was picked is "could not be read", not "not an archive"', async () => {
  const path = join(dir, 'changing-1.tar');
  await page.evaluate(() => { const i = document.createElement('input'); i.type = 'file'; i.id = 'f'; document.body.append(i); });
  writeFileSync(path, tarArchive([['a.txt', Buffer.alloc(4096, 1)]]));
  await page.setInputFiles('#f', path);
  writeFileSync(path, Buffer.from('changed after the pick, with another size'));
  const error = await page.evaluate(async (url) => {
    try {
      await window.bk.uploadFile({ baseUrl: url, appCode: 'changed', accessToken: 'dev-token', file: document.getElementById('f').files[0] });
      return null;
    } catch (e) {
      return { kind: e.kind, option: e.option, reason: e.reason, message: e.message };
    }
  }, emu.url);
  assert.deepEqual([error.kind, error.option, error.reason], ['validation', 'file', 'unreadable']);
  assert.match(error.message, /changed, moved or deleted/);
});

test('100 uploads at once: each stored once, none lost, no false stall timeout', async () => {
  const result = await page.evaluate(async ([url, tar]) => {
    const bytes = new Uint8Array(tar);
    const calls = Array.from({ length: 100 }, (_, i) => window.bk.uploadFile({
      baseUrl: url, appCode: 'crowd', accessToken: 'dev-token', stallTimeout: 800, retries: 0,
      file: new File([bytes], `crowd-${i + 1}.tar`),
      headers: { 'X-Emulator-Fault': 'delay-ms=600' },
    }).then((p) => p.version, (e) => `${e.kind}:${e.reason}`));
    return Promise.all(calls);
  }, [emu.url, TAR]);
  const failed = result.filter((v) => v.includes(':'));
  assert.deepEqual(failed, [], 'every upload succeeded');
  assert.equal(new Set(result).size, 100);
  const stored = await (await fetch(`${emu.origin}/_emulator/packages`)).json();
  const crowd = stored.filter((p) => p.app_code === 'crowd');
  assert.equal(crowd.length, 100, 'each stored once');
  const log = await (await fetch(`${emu.origin}/_emulator/requests`)).json();
  assert.ok(log.filter((r) => r.path.includes('/crowd/')).length <= 100, 'no retries');
});
