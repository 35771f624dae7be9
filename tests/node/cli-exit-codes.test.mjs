// Every exit code the command documents is reached by a real cause, and README's table lists exactly these codes.
// 130/143 (signals) are in cli.test.mjs, which interrupts an upload in flight.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, root } from '../lib/emulator.mjs';
import { makeArchive, tempDir } from '../lib/archives.mjs';
import { runCli } from './lib/cli.mjs';
import { EXIT } from '../../cli/exit-codes.mjs';

let emu;
let dir;
let archive;
before(async () => {
  emu = await startEmulator();
  dir = tempDir('cli-exit-');
  archive = makeArchive(dir, { name: 'exit-1.0.0.tar.gz', version: '1.0.0' });
});
after(async () => {
  await emu?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ BKPAAS_APIGW_URL: `${emu.url}/prod`, BKPAAS_ACCESS_TOKEN: emu.token });
const fault = (f) => ['--header', `X-Emulator-Fault: ${f}`];
/** Runs with --json and returns [exit code, the JSON on stdout]. */
async function json(args, extraEnv = {}) {
  const r = await runCli([...args, '--json'], { env: { ...env(), ...extraEnv } });
  let body;
  try {
    body = JSON.parse(r.stdout);
  } catch {
    body = { stdout: r.stdout, stderr: r.stderr };
  }
  return [r.code, body];
}
const upload = (app, ...more) => ['file', archive.path, '--app', app, ...more];

test('0: stored', async () => {
  const [code, pkg] = await json(upload('exit-ok'));
  assert.equal(code, EXIT.ok, JSON.stringify(pkg));
  assert.equal(pkg.version, '1.0.0');
});

test('2: usage (unknown option, a credential as a plain option, a config file that is not YAML)', async () => {
  let r = await runCli(['file', archive.path, '--app', 'x', '--colour']);
  assert.equal(r.code, EXIT.usage);
  assert.match(r.stderr, /^error: unknown option --colour$/m);
  r = await runCli(['file', archive.path, '--app', 'x', '--access-token', emu.token], { env: env() });
  assert.equal(r.code, EXIT.usage);
  r = await runCli(['file', archive.path, '--app', 'x', '--config', join(dir, 'none.yaml')], { env: env() });
  assert.equal(r.code, EXIT.usage);
  assert.match(r.stderr, /none\.yaml \(named by --config\) does not exist/);
  r = await runCli(['file', archive.path, '--app', 'x', '--token-stdin'], { env: env(), input: '' });
  assert.equal(r.code, EXIT.usage);
  assert.match(r.stderr, /standard input was empty/);
});

test('3: validation, before any request (the core\'s checks, a missing file)', async () => {
  let [code, e] = await json(['file', archive.path], {});
  assert.equal(code, EXIT.validation);
  assert.equal(e.kind, 'validation');
  assert.equal(e.option, 'appCode');
  [code, e] = await json(upload('x'), { BKPAAS_ACCESS_TOKEN: '' });
  assert.equal(code, EXIT.validation);
  assert.match(e.message, /no credentials/);
  [code, e] = await json(['file', join(dir, 'missing.tar.gz'), '--app', 'x']);
  assert.equal(code, EXIT.validation);
  assert.equal(e.option, 'file');
  assert.match(e.message, /missing\.tar\.gz: ENOENT/);
  [code, e] = await json(upload('x', '--apigw-url', 'http://bkapi.example.com/api/bkpaas3/prod'));
  assert.equal(code, EXIT.validation, 'plain http to another host needs --allow-insecure-http');
  assert.equal(e.option, 'baseUrl');
  [code, e] = await json(upload('x', '--retries', 'many'));
  assert.equal(code, EXIT.validation);
  assert.equal(e.option, 'retries');
});

test('4: gateway (a wrong token)', async () => {
  const [code, e] = await json(upload('x'), { BKPAAS_ACCESS_TOKEN: 'wrong-token' });
  assert.equal(code, EXIT.gateway);
  assert.equal(e.kind, 'gateway');
  assert.equal(e.code, 1640001);
});

test('5: api (the version exists); the hint names --overwrite', async () => {
  await json(upload('exit-dup'));
  const [code, e] = await json(upload('exit-dup'));
  assert.equal(code, EXIT.api);
  assert.equal(e.code, 'PACKAGE_ALREADY_EXISTS');
  const r = await runCli(upload('exit-dup'), { env: env() });
  assert.equal(r.code, EXIT.api);
  assert.match(r.stderr, /^ {2}add --overwrite to replace the stored package$/m);
});

test('6: http (Django\'s HTML 500 page)', async () => {
  const [code, e] = await json(upload('x', ...fault('html-500')));
  assert.equal(code, EXIT.http);
  assert.equal(e.status, 500);
});

test('7: response (a 2xx that is not a source package)', async () => {
  const [code, e] = await json(upload('x', ...fault('bad-json')));
  assert.equal(code, EXIT.response);
  assert.equal(e.kind, 'response');
});

test('8: network (nothing listens)', async () => {
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port: p } = s.address(); s.close(() => resolve(p)); });
  });
  const [code, e] = await json(upload('x', '--apigw-url', `http://127.0.0.1:${port}/api/bkpaas3/prod`, '--retries', '0'));
  assert.equal(code, EXIT.network);
  assert.equal(e.kind, 'network');
});

test('9: timeout (--timeout passes while the server works)', async () => {
  const [code, e] = await json(upload('exit-slow', '--timeout', '1', ...fault('delay-ms=4000')));
  assert.equal(code, EXIT.timeout, JSON.stringify(e));
  assert.equal(e.kind, 'timeout');
});

test('10: integrity (--verify, and the server stored other bytes)', async () => {
  const [code, e] = await json(upload('exit-corrupt', '--verify', ...fault('corrupt')));
  assert.equal(code, EXIT.integrity, JSON.stringify(e));
  assert.equal(e.kind, 'integrity');
  const [ok, pkg] = await json(upload('exit-verified', '--verify'));
  assert.equal(ok, EXIT.ok, JSON.stringify(pkg));
  assert.equal(pkg.verified, true);
  assert.equal(pkg.localSha256, archive.sha256);
});

test('1: unforeseen (an install without its dependencies): one line, no stack trace', async (t) => {
  // Outside the repository, so that neither `yaml` nor `bkpaas-upload` can be found.
  const lonely = mkdtempSync(join(tmpdir().startsWith(root) ? '/tmp' : tmpdir(), 'cli-lonely-'));
  t.after(() => rmSync(lonely, { recursive: true, force: true }));
  cpSync(join(root, 'cli'), lonely, { recursive: true });
  const r = await runCli(upload('x'), { env: env(), command: [process.execPath, join(lonely, 'bkpaas-upload.mjs')] });
  assert.equal(r.code, EXIT.internal);
  assert.match(r.stderr, /^bkpaas-upload: Cannot find (package|module) /);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
});

test("README's exit-code table lists exactly the documented codes", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## From a pipeline'), readme.indexOf('## Node, Deno, Bun'));
  const codes = [...section.matchAll(/^\| `(\d+)` \|/gm)].map((m) => Number(m[1]));
  assert.deepEqual(codes, Object.values(EXIT));
});
