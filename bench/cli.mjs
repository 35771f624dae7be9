// The `bkpaas-upload` command against `curl -F package=@file`: the same 512 MiB archive to the same emulator, in
// interleaved rounds (curl, command, curl, command…; each pair's ratio cancels drift in the machine's load), and the
// command's peak RSS over an idle node process (the file is streamed from disk, not read: it must stay small).
// Prints markdown lines. Needs target/release/bkpaas-emulator and a built pkg/ (npm run build).
// Usage: node bench/cli.mjs [--rounds N] [--size MiB]
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator, root } from '../tests/lib/emulator.mjs';
import { bigTar, smallTar } from './lib/files.mjs';
import { summary, pairedRatios, median, MiB, fmtX, fmtMiB, spread } from './lib/stats.mjs';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, size: { type: 'string', default: '512' } } });
const rounds = Number(values.rounds);
const size = Number(values.size) * MiB;
const cli = process.env.BKPAAS_CLI || join(root, 'cli', 'bkpaas-upload.mjs'); // BKPAAS_CLI: another copy (e.g. installed)
const dir = join(root, 'target', 'bench', 'files');
mkdirSync(dir, { recursive: true });
const file = bigTar(join(dir, `cli-${values.size}m.tar`), size);
const warm = smallTar(join(dir, 'cli-warm-1.tar'));
const timeOut = join(dir, 'cli-time.txt');

/** Runs a command under GNU time; resolves to {ms, rssKiB, code, stdout}. */
function measure(cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%M', '-o', timeOut, cmd, ...args], {
      env: { PATH: process.env.PATH, HOME: '/nonexistent', ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const rssKiB = Number(readFileSync(timeOut, 'utf8').trim().split('\n').pop());
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${stderr}${stdout}`));
      else resolve({ ms, rssKiB, stdout });
    });
  });
}

const emu = await startEmulator(['--body-limit', String(2 * size)]);
try {
  const url = `${emu.url}/prod/bkapps/applications/bench-cli/modules/default/source_package/`;
  const auth = JSON.stringify({ access_token: emu.token });
  const curl = (path) => measure('curl', ['-sS', '--fail-with-body', '-o', '/dev/null', '-H', `X-Bkapi-Authorization: ${auth}`,
    '-F', `package=@${path}`, '-F', 'allow_overwrite=true', url]);
  const command = (path) => measure(process.execPath, [cli, 'file', path, '--app', 'bench-cli', '--overwrite',
    '--max-size', String(2 * size), '--json'], { BKPAAS_APIGW_URL: `${emu.url}/prod`, BKPAAS_ACCESS_TOKEN: emu.token });

  await curl(warm);
  const check = await command(warm);
  if (JSON.parse(check.stdout).packageSize !== 512 + 1024 + 4096 * 16) throw new Error('the command stored something else: ' + check.stdout);
  const idle = [];
  const times = { curl: [], command: [] };
  const rss = [];
  for (let i = 0; i < rounds; i++) {
    // Alternate who goes first, so neither always meets a cache the other warmed.
    const order = i % 2 ? ['command', 'curl'] : ['curl', 'command'];
    for (const who of order) {
      const r = await (who === 'curl' ? curl(file) : command(file));
      times[who].push(r.ms);
      if (who === 'command') rss.push(r.rssKiB * 1024);
    }
    idle.push((await measure(process.execPath, ['-e', 'setTimeout(() => {}, 50)'])).rssKiB * 1024);
  }
  const ratio = summary(pairedRatios(times.command, times.curl));
  const over = summary(rss.map((r, i) => r - idle[i]));
  const s = (ms) => (ms / 1000).toFixed(2) + ' s';
  const verdict = (ok) => (ok ? 'met' : 'missed');
  const rate = (xs) => (size / MiB / (median(xs) / 1000)).toFixed(0) + ' MiB/s';
  console.log(`### bkpaas-upload command vs curl -F (${values.size} MiB, ${rounds} interleaved rounds)\n`);
  console.log(`- curl -F package=@file: ${spread(summary(times.curl), s)}, ${rate(times.curl)}`);
  console.log(`- bkpaas-upload file: ${spread(summary(times.command), s)}, ${rate(times.command)} (node start-up, pre-flight and upload)`);
  console.log(`- time ratio command/curl, paired per round: ${spread(ratio, fmtX)}; target ≤ 1.05: ${verdict(ratio.median <= 1.05)}`);
  console.log(`- peak RSS of the command: ${spread(summary(rss), fmtMiB)}; idle node: ${fmtMiB(median(idle))}; ` +
    `over idle: ${spread(over, fmtMiB)}; target < 64 MiB: ${verdict(over.median < 64 * MiB)}`);
} finally {
  await emu.stop();
  rmSync(timeOut, { force: true });
}
