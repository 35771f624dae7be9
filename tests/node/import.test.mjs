// In Node (SSR, component tests) importing the package does no work: nothing is fetched, read or compiled until the
// first call, which then compiles the wasm from the package's own file, once.
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('import does nothing; the first call loads the wasm from disk, once', async () => {
  const seen = { fetch: 0, compile: 0 };
  const realFetch = globalThis.fetch;
  const realCompile = WebAssembly.compile;
  globalThis.fetch = (...args) => { seen.fetch += 1; return realFetch(...args); };
  WebAssembly.compile = (...args) => { seen.compile += 1; return realCompile(...args); };
  try {
    const bk = await import('bkpaas-upload');
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(seen, { fetch: 0, compile: 0 }, 'nothing at import');
    const e = await bk.uploadLink({ baseUrl: 'http://127.0.0.1:9/api/bkpaas3', appCode: '', accessToken: 't0ken', packageUrl: 'https://h/a.tgz' })
      .catch((x) => x);
    assert.equal(e.kind, 'validation');
    assert.equal(seen.compile, 1, 'compiled on first use');
    assert.equal(seen.fetch, 0, 'read from the package file, not fetched');
    await bk.preload();
    assert.equal(seen.compile, 1, 'once');
  } finally {
    globalThis.fetch = realFetch;
    WebAssembly.compile = realCompile;
  }
});
