// What every measuring module gets: the paths of this run, the round count, a log line with the elapsed time.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Everything large lives here and is removed at the end (BENCH_KEEP=1 keeps it). */
export const work = join(root, 'target', 'bench');
/** The served site: a snapshot of pkg/, the bench page, the comparison bundles. */
export const site = join(work, 'site');
/** The inputs (archives) of the run. */
export const filesDir = join(work, 'files');
/** Rounds of the interleaved comparisons (BENCH_ROUNDS, default 9); each part scales it to its own cost. */
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS || 9));

const started = Date.now();
export const elapsedMinutes = () => (Date.now() - started) / 60000;
export const log = (...a) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s]`, ...a);
export const rel = (p) => p.slice(root.length + 1);
