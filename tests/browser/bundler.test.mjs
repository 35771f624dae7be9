// The package as a user consumes it: installed under node_modules/bkpaas-upload, imported by name and bundled by
// Vite with no configuration at all, and by esbuild with the one documented step (copy the .wasm next to the
// bundle); each page uploads. Also checks `package.json` exports resolve every entry point.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync, symlinkSync, writeFileSync, copyFileSync, rmSync, existsSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { startEmulator, root } from '../lib/emulator.mjs';
import { launch, watchPage } from '../lib/browser.mjs';
import { makeArchive, tempDir } from '../lib/archives.mjs';

let emu, browser, dir;

before(async () => {
  dir = tempDir('bundler-');
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'bkpaas-upload'), 'dir');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await emu?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('every entry point resolves through package.json exports', async () => {
  for (const entry of ['bkpaas-upload', 'bkpaas-upload/element', 'bkpaas-upload/inspect', 'bkpaas-upload/sha256']) {
    const result = await esbuild.build({
      stdin: { contents: `export * from '${entry}';`, resolveDir: dir }, bundle: true, write: false, format: 'esm',
      logLevel: 'silent',
    });
    assert.ok(result.outputFiles[0].text.length > 0, entry);
  }
});

test('an esbuild bundle importing bkpaas-upload by name uploads in a page', async () => {
  const site = join(dir, 'site');
  mkdirSync(site);
  writeFileSync(join(dir, 'app.js'), [
    "import { uploadFile, UploadError } from 'bkpaas-upload';",
    'window.bk = { uploadFile, UploadError };',
  ].join('\n'));
  await esbuild.build({ entryPoints: [join(dir, 'app.js')], outfile: join(site, 'app.js'), bundle: true, minify: true, format: 'esm', logLevel: 'silent' });
  // The one documented step for esbuild: the wasm next to the bundle.
  copyFileSync(join(root, 'pkg', 'bkpaas_upload_bg.wasm'), join(site, 'bkpaas_upload_bg.wasm'));
  writeFileSync(join(site, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="app.js"></script><input type="file" id="file">');
  assert.ok(existsSync(join(site, 'app.js')));
  emu = await startEmulator(['--www', site]);
  const page = await browser.context.newPage();
  const watch = await watchPage(page);
  await page.goto(emu.origin + '/');
  await page.waitForFunction(() => window.bk);
  const archive = makeArchive(dir, { name: 'bundled-2.0.0.tar.gz', version: '2.0.0' });
  await page.setInputFiles('#file', archive.path);
  const pkg = await page.evaluate(({ url }) => window.bk.uploadFile({
    baseUrl: url, appCode: 'bundled', accessToken: 'dev-token', file: document.getElementById('file').files[0],
  }), { url: emu.url });
  assert.equal(pkg.version, '2.0.0');
  assert.equal(pkg.sha256Signature, archive.sha256);
  await watch.assertClean();
});

test('a Vite build with no configuration emits the wasm and uploads in a page', async () => {
  const { build } = await import('vite');
  const project = join(dir, 'vite-app');
  mkdirSync(project);
  writeFileSync(join(project, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./main.js"></script><input type="file" id="file">');
  writeFileSync(join(project, 'main.js'), "import { uploadFile, UploadError } from 'bkpaas-upload';\nwindow.bk = { uploadFile, UploadError };\n");
  symlinkSync(join(dir, 'node_modules'), join(project, 'node_modules'), 'dir');
  await build({ root: project, configFile: false, logLevel: 'silent', build: { outDir: join(project, 'dist') } });
  const emuVite = await startEmulator(['--www', join(project, 'dist')]);
  try {
    const page = await browser.context.newPage();
    const watch = await watchPage(page);
    await page.goto(emuVite.origin + '/');
    await page.waitForFunction(() => window.bk);
    const archive = makeArchive(dir, { name: 'vite-3.0.0.tar.gz', version: '3.0.0' });
    await page.setInputFiles('#file', archive.path);
    const pkg = await page.evaluate(({ url }) => window.bk.uploadFile({
      baseUrl: url, appCode: 'vite', accessToken: 'dev-token', file: document.getElementById('file').files[0],
    }), { url: emuVite.url });
    assert.equal(pkg.sha256Signature, archive.sha256);
    await watch.assertClean();
    await page.close();
  } finally {
    await emuVite.stop();
  }
});

test('a bundle without the wasm next to it fails with an UploadError that says what to copy', async () => {
  const site = join(dir, 'site-nowasm');
  mkdirSync(site);
  await esbuild.build({ entryPoints: [join(dir, 'app.js')], outfile: join(site, 'app.js'), bundle: true, format: 'esm', logLevel: 'silent' });
  writeFileSync(join(site, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="app.js"></script>');
  const emu2 = await startEmulator(['--www', site]);
  try {
    const page = await browser.context.newPage();
    await page.goto(emu2.origin + '/');
    await page.waitForFunction(() => window.bk);
    const error = await page.evaluate(({ url }) => window.bk.uploadFile({
      baseUrl: url, appCode: 'x', accessToken: 'dev-token', file: new File([new Uint8Array(600)], 'a-1.tar'),
    }).then(() => null, (e) => ({ isUploadError: e instanceof window.bk.UploadError, kind: e.kind, message: e.message })), { url: emu2.url });
    assert.equal(error.isUploadError, true);
    assert.equal(error.kind, 'network');
    assert.match(error.message, /bkpaas_upload_bg\.wasm next to the bundle/);
    await page.close();
  } finally {
    await emu2.stop();
  }
});
