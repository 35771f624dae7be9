// The token never appears in anything the command prints: --verbose, --json, errors, a terminal, a broken config
// file, and even a server that echoes the credential back in its error page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { rmSync } from 'node:fs';
import { startEmulator } from '../lib/emulator.mjs';
import { makeArchive, tempDir } from '../lib/archives.mjs';
import { runCli, homeWithConfig, cliPath } from './lib/cli.mjs';

const TOKEN = 'tok-7f3a9c1e5b-SECRET';
const WRONG = 'wrong-4d2b8e-SECRET';
const APP_SECRET = 'appsec-91c0-SECRET';
const USER_TOKEN = 'usertok-5e77-SECRET';
let emu;
let echo;
let dir;
let archive;
before(async () => {
  emu = await startEmulator(['--access-token', TOKEN, '--app', `ci-app:${APP_SECRET}`, '--user-token', USER_TOKEN]);
  // A server that puts the request's credential header into its 500 page (a debugging proxy would).
  echo = createServer((req, res) => {
    req.resume();
    req.on('end', () => { res.writeHead(500, { 'content-type': 'text/html' }); res.end(`<h1>Error</h1><pre>${req.headers['x-bkapi-authorization']}</pre>`); });
  });
  await new Promise((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echo.unref();
  dir = tempDir('cli-secret-');
  archive = makeArchive(dir, { name: 'secret-1.0.0.tar.gz', version: '1.0.0' });
});
after(async () => {
  await emu?.stop();
  echo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const gateway = () => `${emu.url}/prod`;
function assertClean(r, ...secrets) {
  for (const s of [TOKEN, WRONG, APP_SECRET, USER_TOKEN, ...secrets]) {
    assert.ok(!r.stdout.includes(s), `stdout holds ${s}:\n${r.stdout}`);
    assert.ok(!r.stderr.includes(s), `stderr holds ${s}:\n${r.stderr}`);
  }
}
const file = (app, ...more) => ['file', archive.path, '--app', app, '--overwrite', '--verbose', ...more];

test('from the environment, standard input, the config file, and a plain option the user insisted on', async () => {
  const runs = [
    await runCli(file('s-env'), { env: { BKPAAS_APIGW_URL: gateway(), BKPAAS_ACCESS_TOKEN: TOKEN } }),
    await runCli(file('s-stdin', '--token-stdin'), { env: { BKPAAS_APIGW_URL: gateway() }, input: TOKEN + '\n' }),
    await runCli(file('s-config'), { env: { HOME: homeWithConfig(dir, `paasApigwUrl: ${gateway()}\naccessToken: ${TOKEN}\n`).home } }),
    await runCli(file('s-flag', '--access-token', TOKEN, '--allow-token-flag'), { env: { BKPAAS_APIGW_URL: gateway() } }),
    await runCli(file('s-app'), { env: { BKPAAS_APIGW_URL: gateway(), BK_APP_CODE: 'ci-app', BK_APP_SECRET: APP_SECRET, BK_TOKEN: USER_TOKEN } }),
    await runCli(file('s-json', '--json'), { env: { BKPAAS_APIGW_URL: gateway(), BKPAAS_ACCESS_TOKEN: TOKEN } }),
  ];
  for (const r of runs) {
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assertClean(r);
  }
  assert.match(runs[3].stderr, /^warning: --access-token is visible in the process list and shell history$/m);
  assert.match(runs[0].stderr, /^accessToken: from env BKPAAS_ACCESS_TOKEN$/m);
});

test('failures: a wrong token, a refused upload, a broken config file, a usage error', async () => {
  const runs = [
    await runCli(file('s-wrong'), { env: { BKPAAS_APIGW_URL: gateway(), BKPAAS_ACCESS_TOKEN: WRONG } }),
    await runCli(file('s-wrong', '--json'), { env: { BKPAAS_APIGW_URL: gateway(), BKPAAS_ACCESS_TOKEN: WRONG } }),
    await runCli(['file', archive.path, '--app', 's-dup', '--verbose'], { env: { BKPAAS_APIGW_URL: gateway(), BKPAAS_ACCESS_TOKEN: TOKEN } }),
    await runCli(['file', archive.path, '--app', 's-dup', '--verbose'], { env: { BKPAAS_APIGW_URL: gateway(), BKPAAS_ACCESS_TOKEN: TOKEN } }),
    await runCli(file('s-yaml'), { env: { HOME: homeWithConfig(dir, `paasApigwUrl: ${gateway()}\naccessToken: "${TOKEN}\n  x: [\n`).home } }),
    await runCli(['file', archive.path, '--app', 'x', `--acess-token=${TOKEN}`]),
    await runCli(['file', archive.path, '--app', 'x', '--access-token', TOKEN]),
  ];
  assert.deepEqual(runs.map((r) => r.code), [4, 4, 0, 5, 2, 2, 2]);
  for (const r of runs) assertClean(r);
});

test('a server that echoes the credential in its error page: the excerpt is shown redacted', async () => {
  const url = `http://127.0.0.1:${echo.address().port}/api/bkpaas3/prod`;
  const r = await runCli(file('s-echo', '--json'), { env: { BKPAAS_APIGW_URL: url, BKPAAS_ACCESS_TOKEN: TOKEN } });
  assert.equal(r.code, 6, r.stdout);
  assertClean(r);
  assert.match(JSON.parse(r.stdout).bodyExcerpt, /\[redacted\]/i, 'the excerpt held the token, and it was replaced');
  const human = await runCli(file('s-echo'), { env: { BKPAAS_APIGW_URL: url, BKPAAS_ACCESS_TOKEN: TOKEN } });
  assert.equal(human.code, 6);
  assertClean(human);
});

test('on a terminal, --verbose', async () => {
  const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;
  const cmd = [process.execPath, cliPath, ...file('s-tty')].map(quote).join(' ');
  const r = await runCli([], { command: ['script', '-qfec', cmd, '/dev/null'], env: { BKPAAS_APIGW_URL: gateway(), BKPAAS_ACCESS_TOKEN: TOKEN } });
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /stored version 1\.0\.0/);
  assertClean(r);
});
