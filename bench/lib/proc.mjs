// Processes the benchmark reads: openssl as the hashing anchor, the emulator's pid and memory from /proc, and the
// machine's description for the report.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { root } from './context.mjs';
import { GiB } from './stats.mjs';

const sh = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const tryRun = (cmd, args) => { try { return sh(cmd, args); } catch { return null; } };

/** openssl dgst -sha256 of `paths`, in one process: {ms, hashes: {path: hex}}. */
export function openssl(paths) {
  const t0 = performance.now();
  const out = sh('openssl', ['dgst', '-sha256', '-r', ...paths]);
  const ms = performance.now() - t0;
  const hashes = {};
  for (const line of out.split('\n')) {
    const [hex, name] = line.split(/ \*?/);
    hashes[name.replace(/^\*/, '')] = hex;
  }
  return { ms, hashes };
}

/** The same hashes with one openssl process per file, all at once (what N cores can hash): milliseconds. */
export async function opensslParallel(paths) {
  const t0 = performance.now();
  await Promise.all(paths.map((p) => new Promise((resolve, reject) => {
    const c = spawn('openssl', ['dgst', '-sha256', p], { stdio: 'ignore' });
    c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('openssl failed'))));
  })));
  return performance.now() - t0;
}

/** The pid of the emulator started by tests/lib/emulator.mjs (found by its data folder on the command line). */
export function emulatorPid(emu) {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(emu.dataDir)) return Number(pid);
    } catch { /* gone */ }
  }
  throw new Error('emulator process not found');
}

/** A `kB` field of /proc/<pid>/status (VmRSS, VmHWM), in bytes. */
export function procStatus(pid, key) {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** The machine and the tools of this run, for the report's Machine table. */
export function machine() {
  const lscpu = tryRun('lscpu', []) || '';
  const field = (k) => (new RegExp(`^${k}:\\s*(.+)$`, 'm').exec(lscpu) || [])[1];
  const os = (/^PRETTY_NAME="?([^"\n]+)/m.exec(tryRun('cat', ['/etc/os-release']) || '') || [])[1];
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const pkgVersion = (name) => {
    try { return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version; } catch { return '?'; }
  };
  const devDeps = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies || {});
  return {
    cpu: field('Model name') || cpus()[0].model,
    cores: `${field('CPU\\(s\\)') || cpus().length} (${field('Thread\\(s\\) per core') || '?'} thread(s) per core)`,
    ram: `${(totalmem() / GiB).toFixed(1)} GiB`,
    os: `${os || '?'}, Linux ${tryRun('uname', ['-r'])}`,
    load,
    node: process.version,
    rustc: tryRun('rustc', ['--version']),
    wasmBindgen: tryRun('wasm-bindgen', ['--version']),
    openssl: tryRun('openssl', ['version']),
    curl: (tryRun('curl', ['--version']) || '').split('\n')[0],
    commit: tryRun('git', ['-C', root, 'rev-parse', '--short', 'HEAD']),
    packages: devDeps.map((d) => `${d} ${pkgVersion(d)}`),
  };
}
