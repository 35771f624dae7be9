// 5. The JS heap during a 40 MiB `verify` upload, beside the same upload without verify: sampled every 10 ms over
// the page and the hashing worker (each its own V8 isolate), V8 heap and ArrayBuffer backing stores apart.
import { statSync } from 'node:fs';
import { newPage, openBench, heapSampler } from '../lib/browser.mjs';
import { ROUNDS, log } from '../lib/context.mjs';

export const inputs = ['f40'];

export default async function heap({ browser, emu, files }) {
  const n = Math.max(3, Math.min(ROUNDS, 7));
  log(`heap: ${n} rounds of a 40 MiB upload with and without verify`);
  const out = { size: statSync(files.f40).size, rounds: n, verify: [], core: [], baseline: [] };
  for (let r = 0; r < n; r++) {
    for (const v of r % 2 ? ['core', 'verify'] : ['verify', 'core']) {
      // A fresh page each time: a worker left from an earlier round, or a heap grown by one, does not count.
      const { context, page } = await newPage(browser);
      await openBench(page, emu, { small: files.small, f40: files.f40 });
      await page.evaluate(() => window.loadCore());
      await page.evaluate((v) => window.timeUpload(v, 'small', '0.0.1'), v); // loads what the way needs
      const sampler = await heapSampler(context, page);
      await sampler.gc();
      const before = await sampler.sample();
      const stop = sampler.poll(10);
      const t = await page.evaluate((v) => window.timeUpload(v, 'f40', '1.0.0'), v);
      const peak = await stop();
      if (t.sha256 !== files.hashes[files.f40]) throw new Error(`heap: ${v} stored a wrong sha256 ${t.sha256}`);
      out[v].push({ ...peak, ms: t.ms, before: before.page.used + before.page.backing });
      await context.close();
    }
  }
  return out;
}
