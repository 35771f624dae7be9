// 8. The emulator under load: concurrent uploads sent by curl (streaming from disk) to a fresh emulator per
// scenario, against openssl hashing the same files; its peak RSS; every stored sha256 checked.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { filesDir, log } from '../lib/context.mjs';
import { bigTar } from '../lib/files.mjs';
import { openssl, opensslParallel, emulatorPid, procStatus } from '../lib/proc.mjs';
import { MiB, fmtMiB } from '../lib/stats.mjs';

export const inputs = [];

async function curlBatch(emu, paths, tag) {
  const url = `${emu.url}/prod/bkapps/applications/bench-load/modules/default/source_package/`;
  const t0 = performance.now();
  const answers = await Promise.all(paths.map((p, i) => new Promise((resolve, reject) => {
    const c = spawn('curl', ['-sS', '--fail-with-body', '-H', 'Expect:', '-H', 'X-Bkapi-Authorization: {"access_token":"dev-token"}',
      '-F', `package=@${p};filename=bench-${tag}.${i}.0.tar`, '-F', 'allow_overwrite=true', url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let body = '';
    let err = '';
    c.stdout.on('data', (d) => { body += d; });
    c.stderr.on('data', (d) => { err += d; });
    c.on('close', (code) => (code === 0 ? resolve(JSON.parse(body)) : reject(new Error(`curl ${code}: ${err} ${body}`))));
  })));
  return { ms: performance.now() - t0, answers };
}

export default async function emulator({ startEmu }) {
  const out = [];
  const rounds = 3;
  for (const [count, size] of [[32, 8 * MiB], [4, 512 * MiB]]) {
    log(`emulator: ${count} concurrent × ${fmtMiB(size)}, ${rounds} rounds`);
    const paths = Array.from({ length: count }, (_, i) => bigTar(join(filesDir, `load-${count}-${i}.tar`), size));
    const ref = openssl(paths); // also warms the page cache for both sides
    const sslMs = [];
    const sslParMs = [];
    const emuMs = [];
    const wrong = [];
    const emu = await startEmu();
    const pid = emulatorPid(emu);
    const rssIdle = procStatus(pid, 'VmRSS');
    for (let r = 0; r < rounds; r++) {
      sslMs.push(openssl(paths).ms);
      sslParMs.push(await opensslParallel(paths));
      const b = await curlBatch(emu, paths, `${count}.${r}`);
      emuMs.push(b.ms);
      b.answers.forEach((a, i) => { if (a.sha256_signature !== ref.hashes[paths[i]]) wrong.push(`${paths[i]}: ${a.sha256_signature}`); });
    }
    const stored = await (await fetch(emu.origin + '/_emulator/packages')).json();
    const peak = procStatus(pid, 'VmHWM');
    await emu.stop();
    for (const p of paths) rmSync(p, { force: true });
    out.push({ count, size, bytes: count * size, emuMs, sslMs, sslParMs, wrong, rssIdle, peak,
      checked: rounds * count, storedCount: stored.length });
  }
  return out;
}
