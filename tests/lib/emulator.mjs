// Starts the emulator binary (built by `cargo build --release -p bkpaas-emulator`) on a free port.
// The child watches its stdin (--exit-on-stdin-eof): it stops by itself when this process ends, however it ends.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const emulatorBin = process.env.BKPAAS_EMULATOR_BIN || join(root, 'target', 'release', 'bkpaas-emulator');

/** @returns {Promise<{url: string, origin: string, port: number, token: string, dataDir: string, stop: () => Promise<void>, log: () => string}>} */
export async function startEmulator(args = []) {
  const tmp = join(root, 'target', 'tmp');
  mkdirSync(tmp, { recursive: true });
  const dataDir = mkdtempSync(join(tmp, 'emu-'));
  const child = spawn(emulatorBin, ['--port', '0', '--data-dir', dataDir, '--exit-on-stdin-eof', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { out += d; });
  const origin = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('emulator did not start in 20 s:\n' + out)), 20000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[0-9.:]+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`emulator exited (${code}) before listening:\n${out}`)); });
  });
  child.unref();
  const stop = () => new Promise((resolve) => {
    child.ref(); // keep the event loop alive until the exit event arrives
    if (child.exitCode !== null) { rmSync(dataDir, { recursive: true, force: true }); return resolve(); }
    child.once('exit', () => { rmSync(dataDir, { recursive: true, force: true }); resolve(); });
    child.stdin.end();
    child.kill('SIGTERM');
  });
  return {
    origin,
    url: origin + '/api/bkpaas3',
    port: Number(new URL(origin).port),
    token: 'dev-token',
    dataDir,
    stop,
    log: () => out,
  };
}
