// 6. SHA-256 speed in the page: the streaming wasm sha256() against npm hash-wasm over 512 MiB, and at the 40 MiB
// bound the native path of hashFile() (crypto.subtle) against the same two, and its two steps (read, digest) apart,
// all reading the same picked File.
import { statSync } from 'node:fs';
import { newPage, openBench } from '../lib/browser.mjs';
import { ROUNDS, log } from '../lib/context.mjs';

export const inputs = ['f512', 'f40'];
const ways = { big: ['core', 'hash-wasm'], bound: ['native', 'core', 'hash-wasm'] };

export default async function hash({ browser, emu, files }) {
  const { context, page } = await newPage(browser);
  await openBench(page, emu, { small: files.small, f40: files.f40, f512: files.f512 });
  const n = Math.max(5, Math.min(ROUNDS, 7));
  for (const w of ways.bound) await page.evaluate((w) => window.timeHash(w, 'small'), w);
  const out = { size: statSync(files.f512).size, boundSize: statSync(files.f40).size, wrong: [] };
  for (const [key, id, path] of [['big', 'f512', files.f512], ['bound', 'f40', files.f40]]) {
    log(`sha256: ${n} rounds over ${key === 'big' ? '512' : '40'} MiB (${ways[key].join(', ')})`);
    out[key] = Object.fromEntries(ways[key].map((w) => [w, []]));
    for (let r = 0; r < n; r++) {
      const order = ways[key].map((_, i) => ways[key][(i + r) % ways[key].length]);
      for (const w of order) {
        const t = await page.evaluate(([w, id]) => window.timeHash(w, id), [w, id]);
        if (t.hex !== files.hashes[path]) out.wrong.push(`${w} ${key}: ${t.hex}`);
        out[key][w].push(t.ms);
      }
      if (key === 'bound') {
        const steps = await page.evaluate((id) => window.timeNativeSteps(id), id);
        (out.steps ||= { readMs: [], digestMs: [] }).readMs.push(steps.readMs);
        out.steps.digestMs.push(steps.digestMs);
      }
    }
  }
  await context.close();
  return out;
}
