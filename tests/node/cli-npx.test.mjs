// `npx bkpaas-upload` as a pipeline gets it: the packed tarball installed into a fresh project (its `yaml`
// dependency from the registry), the bin run through npx against the emulator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../lib/emulator.mjs';
import { makeArchive, tempDir } from '../lib/archives.mjs';
import { packTarball } from '../frameworks/app.mjs';
import { runCli } from './lib/cli.mjs';

let emu;
let project;
before(async () => {
  emu = await startEmulator();
  project = tempDir('cli-npx-');
  const tarball = packTarball(join(project, 'pack'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'pipeline', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] });
});
after(async () => {
  await emu?.stop();
  if (project) rmSync(project, { recursive: true, force: true });
});

test('npx bkpaas-upload: --help, then an upload with settings from the environment', async () => {
  const npx = ['npx', '--no-install', 'bkpaas-upload'];
  const help = await runCli(['--help'], { command: npx, cwd: project, env: { HOME: project } });
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /^Usage:\n {2}bkpaas-upload file <archive>/);
  const archive = makeArchive(project, { name: 'npx-app-1.0.0.tar.gz', version: '1.0.0' });
  const r = await runCli(['file', archive.path, '--app', 'npx-app', '--json'], {
    command: npx, cwd: project, env: { HOME: project, BKPAAS_APIGW_URL: `${emu.url}/prod`, BKPAAS_ACCESS_TOKEN: emu.token },
  });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.equal(JSON.parse(r.stdout).sha256Signature, archive.sha256);
});
