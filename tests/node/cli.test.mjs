// The `bkpaas-upload` command against the emulator, run as a pipeline runs it: both endpoints, settings from
// flags / environment / bkpaas-cli's config file, --json, a terminal, Chinese, Ctrl-C, a 100 MiB file.
// Exit codes and the token's absence have their own files (cli-exit-codes, cli-secrets).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../lib/emulator.mjs';
import { makeArchive, tempDir, storedBytes, sha256 } from '../lib/archives.mjs';
import { runCli, homeWithConfig, cliPath } from './lib/cli.mjs';

let emu;
let dir;
let archive;
before(async () => {
  emu = await startEmulator(['--body-limit', String(256 * 1024 * 1024)]);
  dir = tempDir('cli-');
  archive = makeArchive(dir, { name: 'myapp-1.2.0.tar.gz', version: '1.2.0', padding: 64 * 1024 });
});
after(async () => {
  await emu?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const gateway = () => `${emu.url}/prod`; // bkpaas-cli's paasApigwUrl: the gateway root with the stage
const envAuth = () => ({ BKPAAS_APIGW_URL: gateway(), BKPAAS_ACCESS_TOKEN: emu.token });
const stored = async () => (await (await fetch(`${emu.origin}/_emulator/packages`)).json());
const requests = async () => (await (await fetch(`${emu.origin}/_emulator/requests`)).json());
// A CI log must stay readable: no cursor movement, no carriage returns, no colors.
const noControl = (text) => assert.doesNotMatch(text, /[\r\x1b]/, 'control characters in: ' + JSON.stringify(text));

test('file: one plain line per phase on stderr, the stored package as a table on stdout, the bytes stored as sent', async () => {
  const r = await runCli(['file', archive.path, '--app', 'plain-app'], { env: envAuth() });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines[0], 'pre-flight: tar.gz, ./app_desc.yaml spec 2, version 1.2.0, modules default');
  assert.match(lines[1], /^sending myapp-1\.2\.0\.tar\.gz \(\d+\.\d KiB\)$/);
  assert.match(lines[2], /^sent \d+\.\d KiB in \d+\.\d s; processing on server$/);
  assert.equal(lines[3], 'stored version 1.2.0 as myapp-1.2.0.tar.gz');
  assert.equal(lines.length, 4);
  noControl(r.stderr);
  noControl(r.stdout);
  assert.match(r.stdout, /^ {2}version {3}1\.2\.0$/m);
  assert.match(r.stdout, new RegExp(`^  sha256    ${archive.sha256}$`, 'm'));
  assert.match(r.stdout, new RegExp(`^  size      .* \\(${archive.bytes.length} B\\)$`, 'm'));
  assert.deepEqual(await storedBytes(emu.origin, 'plain-app', 'default', '1.2.0'), archive.bytes);
  // Node's fetch sent a Content-Length (a chunked body would reach Django's parser as an empty form).
  const log = (await requests()).filter((q) => q.path.includes('/plain-app/'));
  assert.equal(log.length, 1);
  assert.ok(log[0].headers.some(([k, v]) => k === 'content-length' && Number(v) > archive.bytes.length), JSON.stringify(log[0].headers));
  assert.ok(!log[0].headers.some(([k]) => k === 'transfer-encoding'));
});

test('--json: only the SourcePackage on stdout, nothing on stderr; --module, --stage and --overwrite reach the request', async () => {
  const r = await runCli(['file', archive.path, '--app', 'json-app', '--module', 'api', '--stage', 'stag', '--json'], { env: envAuth() });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const pkg = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(pkg).sort(), ['created', 'id', 'isDeleted', 'operator', 'packageName', 'packageSize', 'sha256Signature', 'updated', 'version']);
  assert.equal(pkg.version, '1.2.0');
  assert.equal(pkg.packageSize, archive.bytes.length);
  assert.equal(pkg.sha256Signature, archive.sha256);
  const again = await runCli(['file', archive.path, '--app', 'json-app', '--module', 'api', '--overwrite', '--json'], { env: envAuth() });
  assert.equal(again.code, 0, again.stdout);
  assert.equal(JSON.parse(again.stdout).id, pkg.id, 'overwrite keeps the record');
  const paths = (await requests()).filter((q) => q.path.includes('/json-app/')).map((q) => [q.path, q.fields.find(([k]) => k === 'allow_overwrite')[1]]);
  assert.deepEqual(paths, [
    ['/api/bkpaas3/stag/bkapps/applications/json-app/modules/api/source_package/', 'false'],
    ['/api/bkpaas3/prod/bkapps/applications/json-app/modules/api/source_package/', 'true'],
  ]);
});

test('link: the platform downloads the URL and stores the version given', async () => {
  const src = await runCli(['file', archive.path, '--app', 'link-src', '--json'], { env: envAuth() });
  assert.equal(src.code, 0, src.stdout);
  const url = `${emu.origin}/_emulator/packages/link-src/default/1.2.0`;
  const r = await runCli(['link', url, '--version', '2.0.0', '--app', 'link-app'], { env: envAuth() });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stderr.trim().split('\n'), [`asking the platform to download ${url}`, 'stored version 2.0.0 as 1:2.0.0']);
  assert.match(r.stdout, new RegExp(`^  sha256    ${archive.sha256}$`, 'm'));
  const json = await runCli(['link', url, '--version', '2.0.1', '--app', 'link-app', '--json'], { env: envAuth() });
  assert.equal(JSON.parse(json.stdout).version, '2.0.1');
});

test("bkpaas-cli's config file: ~/.blueking-paas/config.yaml, BKPAAS_CLI_CONFIG; flags > environment > file", async () => {
  const yaml = (token) => `paasApigwUrl: ${gateway()}/\npaasUrl: https://bkpaas3.example.com\nusername: admin\naccessToken: "${token}"\n`;
  const good = homeWithConfig(dir, yaml(emu.token));
  let r = await runCli(['file', archive.path, '--app', 'cfg-app', '--json'], { env: { HOME: good.home } });
  assert.equal(r.code, 0, r.stdout);

  const bad = homeWithConfig(dir, yaml('stale-token'));
  r = await runCli(['file', archive.path, '--app', 'cfg-app', '--overwrite', '--json'], { env: { HOME: bad.home } });
  assert.equal(r.code, 4, 'the stale token of the default file was used');
  r = await runCli(['file', archive.path, '--app', 'cfg-app', '--overwrite', '--json'], { env: { HOME: bad.home, BKPAAS_CLI_CONFIG: good.path } });
  assert.equal(r.code, 0, 'BKPAAS_CLI_CONFIG names the file to read: ' + r.stdout);
  r = await runCli(['file', archive.path, '--app', 'cfg-app', '--overwrite', '--json', '--config', bad.path], { env: { HOME: good.home } });
  assert.equal(r.code, 4, '--config names the file to read');

  // Environment over the file, flags over the environment.
  r = await runCli(['file', archive.path, '--app', 'cfg-app', '--overwrite', '--json'], { env: { HOME: bad.home, BKPAAS_ACCESS_TOKEN: emu.token } });
  assert.equal(r.code, 0, r.stdout);
  r = await runCli(['file', archive.path, '--app', 'cfg-app', '--overwrite', '--json'], { env: { HOME: good.home, BKPAAS_ACCESS_TOKEN: 'stale-token' } });
  assert.equal(r.code, 4);
  r = await runCli(['file', archive.path, '--app', 'cfg-app', '--overwrite', '--json', '--token-stdin'], { env: { HOME: good.home, BKPAAS_ACCESS_TOKEN: 'stale-token' }, input: emu.token + '\n' });
  assert.equal(r.code, 0, r.stdout);
  r = await runCli(['file', archive.path, '--app', 'cfg-app', '--overwrite', '--json', '--apigw-url', 'http://127.0.0.1:9/api/bkpaas3/prod'], { env: { HOME: good.home } });
  assert.equal(r.code, 8, '--apigw-url wins over the file: ' + r.stdout);

  // --verbose says where each setting came from.
  r = await runCli(['file', archive.path, '--app', 'cfg-app', '--overwrite', '--verbose'], { env: { HOME: good.home, BKPAAS_MODULE: 'default' } });
  assert.equal(r.code, 0, r.stderr);
  for (const line of [`baseUrl: from config file ${good.path}`, `stage: from config file ${good.path}`, 'appCode: from the command line',
    'module: from env BKPAAS_MODULE', `accessToken: from config file ${good.path}`,
    `POST ${gateway()}/bkapps/applications/cfg-app/modules/default/source_package/`]) assert.ok(r.stderr.includes(line + '\n'), line + ' in\n' + r.stderr);
});

test('environment only: a token, or app code + secret + a user token', async () => {
  let r = await runCli(['file', archive.path, '--json'], { env: { ...envAuth(), BKPAAS_APP: 'env-app' } });
  assert.equal(r.code, 0, r.stdout);
  assert.ok((await stored()).some((p) => p.app_code === 'env-app'));
  r = await runCli(['file', archive.path, '--app', 'env-app2', '--json'],
    { env: { BKPAAS_APIGW_URL: gateway(), BK_APP_CODE: 'bkpaas-dev', BK_APP_SECRET: 'dev-secret', BK_TOKEN: 'dev-user-token' } });
  assert.equal(r.code, 0, r.stdout);
  r = await runCli(['file', archive.path, '--app', 'env-app3', '--json'],
    { env: { BKPAAS_APIGW_URL: gateway(), BK_APP_CODE: 'bkpaas-dev', BK_APP_SECRET: 'wrong', BK_TOKEN: 'dev-user-token' } });
  assert.equal(r.code, 4);
  assert.match(JSON.parse(r.stdout).message, /bk_app_code or bk_app_secret is incorrect/);
});

test('messages are the core\'s own, in English or Chinese after LANG / --lang', async () => {
  const { uploadFile } = await import('bkpaas-upload');
  const { openAsBlob } = await import('node:fs');
  const direct = async (locale) => {
    try {
      await uploadFile({ baseUrl: emu.url, appCode: 'x', accessToken: emu.token, file: await openAsBlob(archive.path), filename: 'my app.tar.gz', locale });
    } catch (e) {
      return e.message;
    }
    assert.fail('the core accepted a bad file name');
  };
  let r = await runCli(['file', archive.path, '--app', 'x', '--filename', 'my app.tar.gz', '--json'], { env: envAuth() });
  assert.equal(r.code, 3);
  assert.equal(JSON.parse(r.stdout).message, await direct('en'));
  r = await runCli(['file', archive.path, '--app', 'x', '--filename', 'my app.tar.gz'], { env: { ...envAuth(), LANG: 'zh_CN.UTF-8' } });
  assert.equal(r.code, 3);
  const zh = await direct('zh-CN');
  assert.ok(r.stderr.includes(`错误：${zh}\n`), r.stderr);
  assert.match(r.stderr, /^预检：tar\.gz，\.\/app_desc\.yaml spec 2，版本 1\.2\.0/m);
  r = await runCli(['file', archive.path, '--app', 'x', '--filename', 'my app.tar.gz', '--lang', 'en'], { env: { ...envAuth(), LANG: 'zh_CN.UTF-8' } });
  assert.match(r.stderr, /^pre-flight: /m);
});

test('pre-flight: a damaged archive and a version that differs from app_desc.yaml stop before any request', async () => {
  const before = (await requests()).length;
  const damaged = join(dir, 'damaged-1.0.0.tar.gz');
  writeFileSync(damaged, archive.bytes.subarray(0, archive.bytes.length - 4096));
  let r = await runCli(['file', damaged, '--app', 'pre-app'], { env: envAuth() });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /^error: The archive is damaged \(.+\): the platform will refuse it\. Nothing was sent\.$/m);
  r = await runCli(['file', archive.path, '--app', 'pre-app', '--version', '9.9.9'], { env: envAuth() });
  assert.equal(r.code, 3);
  assert.match(r.stderr, /--version 9\.9\.9 differs from the version app_desc\.yaml declares \(1\.2\.0\)/);
  assert.equal((await requests()).length, before, 'nothing was sent');
  // Warnings do not stop the upload.
  const noDesc = join(dir, 'nodesc-3.0.0.tar');
  execFileSync('tar', ['-cf', noDesc, '-C', dir, archive.name]);
  r = await runCli(['file', noDesc, '--app', 'pre-app'], { env: envAuth() });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^warning: No app_desc\.yaml at the root of the archive or one folder down\.$/m);
});

test('on a terminal: a live progress line, then "processing on server", then the table', async () => {
  const big = makeArchive(dir, { name: 'tty-4.0.0.tar.gz', version: '4.0.0', padding: 24 * 1024 * 1024 });
  const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;
  const cmd = [process.execPath, cliPath, 'file', big.path, '--app', 'tty-app', '--header', 'X-Emulator-Fault: stall-ms=1000;delay-ms=1500'].map(quote).join(' ');
  // script(1) gives the command a pseudo-terminal, as a developer's shell does.
  const r = await runCli([], { command: ['script', '-qfec', cmd, '/dev/null'], env: envAuth() });
  assert.equal(r.code, 0, r.stdout);
  const screen = r.stdout;
  assert.match(screen, /\r\x1b\[Ktty-4\.0\.0\.tar\.gz {2}\d+\.\d MiB \/ 24\.0 MiB {2}\d+%/);
  assert.match(screen, /\r\x1b\[Kprocessing on server … 0:0\d/);
  assert.match(screen, /stored version 4\.0\.0 as tty-4\.0\.0\.tar\.gz\r?\n {2}version {3}4\.0\.0/);
});

test('Ctrl-C aborts the upload: exit 130, nothing stored; SIGTERM (a cancelled CI job): 143', async () => {
  const slow = makeArchive(dir, { name: 'slow-5.0.0.tar.gz', version: '5.0.0', padding: 24 * 1024 * 1024 });
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
    let sent = false;
    const r = await runCli(['file', slow.path, '--app', 'abort-app', '--header', 'X-Emulator-Fault: stall-ms=30000'], {
      env: envAuth(),
      onStderr: (text, child) => {
        if (!sent && text.includes('sending ')) { sent = true; setTimeout(() => child.kill(signal), 300); }
      },
    });
    assert.ok(sent, r.stderr);
    assert.equal(r.code, code, r.stderr);
    assert.ok(r.ms < 10000, `left after ${r.ms} ms`);
    assert.match(r.stderr, /^aborted: nothing more is sent$/m);
  }
  assert.ok(!(await stored()).some((p) => p.app_code === 'abort-app'));
});

test('a 100 MiB file: refused by the default 40 MiB limit, sent with --max-size', async () => {
  const large = makeArchive(dir, { name: 'large-6.0.0.tar.gz', version: '6.0.0', padding: 100 * 1024 * 1024 });
  let r = await runCli(['file', large.path, '--app', 'large-app', '--json'], { env: envAuth() });
  assert.equal(r.code, 3);
  const error = JSON.parse(r.stdout);
  assert.equal(error.kind, 'validation');
  assert.match(error.message, /more than maxSize/);
  r = await runCli(['file', large.path, '--app', 'large-app', '--max-size', '128MiB', '--json'], { env: envAuth() });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(JSON.parse(r.stdout).sha256Signature, large.sha256);
  assert.equal(sha256(await storedBytes(emu.origin, 'large-app', 'default', '6.0.0')), large.sha256);
});
