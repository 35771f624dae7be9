// Small statistics for the benchmark tables: medians with their spread, never a single run.
export const sorted = (xs) => [...xs].sort((a, b) => a - b);
export function quantile(xs, q) {
  const s = sorted(xs);
  if (!s.length) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
}
export const median = (xs) => quantile(xs, 0.5);
export const summary = (xs) => ({ n: xs.length, median: median(xs), min: Math.min(...xs), max: Math.max(...xs),
  q1: quantile(xs, 0.25), q3: quantile(xs, 0.75) });
/** Per-round ratios a[i]/b[i] (the rounds are interleaved, so pairing removes drift in the machine's load). */
export const pairedRatios = (a, b) => a.map((x, i) => x / b[i]);

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2)) + ' ms';
export const fmtKB = (b) => (b / 1000).toFixed(1) + ' KB';
export const fmtMiB = (b) => (b / MiB).toFixed(b < 10 * MiB ? 2 : 1) + ' MiB';
export const fmtRate = (bytesPerMs) => (bytesPerMs * 1000 / MiB).toFixed(0) + ' MiB/s';
// Two decimals, three where two would round onto a target's boundary (1.05× that is really 1.052× misses ≤ 1.05).
export const fmtX = (r) => ([0.7, 1, 1.05].includes(Number(r.toFixed(2))) && Math.abs(r - Number(r.toFixed(2))) > 1e-9 ? r.toFixed(3) : r.toFixed(2)) + '×';
/** "median (min–max)" */
export const spread = (s, f) => `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
