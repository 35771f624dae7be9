// `npm run bench` (through scripts/bench.sh, which builds first): every benchmark in one run. Prints the report and
// writes BENCHMARKS.md. Not part of `npm test`; no time is asserted anywhere. Measuring lives in bench/measure/
// (one module per measured thing, each returning plain numbers), the report in bench/report/.
//
//   BENCH_ROUNDS=9        rounds of the interleaved comparisons (default 9; each part scales it to its cost)
//   BENCH_PARTS=size,...  run only some parts (size, memory, overhead, startup, heap, hash, emulator, cli; `hash` also
//                         runs inspect); BENCHMARKS.md is written only by a full run (or with BENCH_WRITE=1)
//   BENCH_KEEP=1          keep target/bench/ (the site and the inputs) afterwards
import { rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startEmulator } from '../tests/lib/emulator.mjs';
import { root, work, site, filesDir, log, elapsedMinutes, ROUNDS } from './lib/context.mjs';
import { prepareSite } from './lib/site.mjs';
import { bigTar, inspectArchive } from './lib/files.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { openssl, machine } from './lib/proc.mjs';
import { MiB, GiB } from './lib/stats.mjs';
import { report } from './report/index.mjs';
import * as size from './measure/size.mjs';
import * as memory from './measure/memory.mjs';
import * as startup from './measure/startup.mjs';
import * as heap from './measure/heap.mjs';
import * as hash from './measure/hash.mjs';
import * as inspect from './measure/inspect.mjs';
import * as overhead from './measure/overhead.mjs';
import * as verifySteps from './measure/verify-steps.mjs';
import * as emulator from './measure/emulator.mjs';

// In the order they run; `part` is the BENCH_PARTS name. The browser parts share one Chromium and one emulator;
// the emulator part comes last: it writes its own inputs (36 files) on the disk the others used.
const measures = [
  { key: 'size', part: 'size', m: size, phase: 'node' },
  { key: 'memory', part: 'memory', m: memory, phase: 'browser' },
  { key: 'startup', part: 'startup', m: startup, phase: 'browser' },
  { key: 'heap', part: 'heap', m: heap, phase: 'browser' },
  { key: 'hash', part: 'hash', m: hash, phase: 'browser' },
  { key: 'inspect', part: 'hash', m: inspect, phase: 'browser' },
  { key: 'overhead', part: 'overhead', m: overhead, phase: 'browser' },
  { key: 'verifySteps', part: 'overhead', m: verifySteps, phase: 'browser' },
  { key: 'emulator', part: 'emulator', m: emulator, phase: 'last' },
];
const PARTS = (process.env.BENCH_PARTS || [...measures.map((x) => x.part), 'cli'].join(',')).split(',');
const full = !process.env.BENCH_PARTS;
const chosen = measures.filter((x) => PARTS.includes(x.part));

// The inputs a measuring module may ask for (its `inputs`), written once for the run.
const makers = {
  f1g: () => bigTar(join(filesDir, 'bench-1g.tar'), GiB),
  f40: () => bigTar(join(filesDir, 'bench-40m.tar'), 40 * MiB), // the gateway's limit, exactly
  f512: () => bigTar(join(filesDir, 'bench-512m.tar'), 512 * MiB),
  inspectFirst: () => inspectArchive(filesDir, 'inspect-first-1.0.0.tar.gz', 96 * MiB, true),
  inspectLast: () => inspectArchive(filesDir, 'inspect-last-1.0.0.tar.gz', 96 * MiB, false),
};
const hashed = ['f1g', 'f40', 'f512'];

const startEmu = (extra = []) => startEmulator(['--www', site, '--body-limit', String(4 * GiB), ...extra]);
let browser;

async function main() {
  const files = { small: await prepareSite(), hashes: {} };
  const wanted = [...new Set(chosen.flatMap((x) => x.m.inputs))];
  if (wanted.length) log('writing inputs');
  for (const k of wanted) files[k] = makers[k]();
  const big = hashed.filter((k) => files[k]).map((k) => files[k]);
  if (big.length) files.hashes = openssl(big).hashes;

  const results = {};
  let browserVersion = '(not launched)';
  const phase = (p) => chosen.filter((x) => x.phase === p);
  for (const x of phase('node')) results[x.key] = await x.m.default({ startEmu, files });
  const inBrowser = phase('browser');
  if (inBrowser.length) {
    browser = await launchBrowser();
    browserVersion = 'Chromium ' + browser.version();
    const emu = await startEmu();
    try {
      for (const x of inBrowser) results[x.key] = await x.m.default({ browser, emu, files, startEmu });
    } finally {
      await emu.stop();
      await browser.close();
    }
  }
  for (const k of wanted) if (k !== 'small') rmSync(files[k], { force: true });
  for (const x of phase('last')) results[x.key] = await x.m.default({ startEmu, files });

  // The command against curl (bench/cli.mjs, its own processes): its markdown goes in as a section of its own.
  let cli = '';
  if (PARTS.includes('cli')) {
    log('the command vs curl');
    cli = execFileSync(process.execPath, [join(root, 'bench', 'cli.mjs'), '--rounds', String(Math.max(3, Math.round(ROUNDS / 3)))],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  }
  const info = { date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), minutes: elapsedMinutes(), m: machine(), browserVersion };
  const report_ = report(results, info);
  const targets = report_.targets;
  const md = cli ? report_.md.replace('\n## Machine', `\n## The bkpaas-upload command\n\n${cli.replace(/^### .*\n\n/, '')}\n## Machine`) : report_.md;
  console.log('\n' + md.split('\n## How to run')[0]);
  if (full || process.env.BENCH_WRITE) {
    writeFileSync(join(root, 'BENCHMARKS.md'), md);
    log(`wrote BENCHMARKS.md (${targets.filter((r) => r[3].includes('not')).length} of ${targets.length} targets not met)`);
  }
  if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
  log('done');
}

main().catch(async (e) => {
  console.error(e);
  if (browser) await browser.close().catch(() => {});
  if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
