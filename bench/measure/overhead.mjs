// 3. Overhead: uploadFile (plain, onProgress, verify) against fetch and XMLHttpRequest of the same FormData, at the
// gateway's 40 MiB (verify hashes natively), at 512 MiB (maxSize raised: verify streams through the wasm), and at
// 40 MiB over a throttled link.
import { statSync } from 'node:fs';
import { newPage, openBench } from '../lib/browser.mjs';
import { ROUNDS, log } from '../lib/context.mjs';
import { MiB } from '../lib/stats.mjs';

export const inputs = ['f40', 'f512'];
/** The ways compared, as bench/site/page.js names them. */
export const variants = ['core', 'progress', 'verify', 'fetch', 'xhr'];

export default async function overhead({ browser, emu, files }) {
  const { context, page } = await newPage(browser);
  await openBench(page, emu, { small: files.small, f40: files.f40, f512: files.f512 });
  await page.evaluate(() => window.loadCore());
  for (const v of variants) await page.evaluate((v) => window.timeUpload(v, 'small', '0.0.1'), v); // warm every path
  const out = {};
  const cdp = await context.newCDPSession(page);
  // The third case throttles the page's uploads to 256 Mbit/s (CDP network emulation): a fast office uplink, slower
  // than loopback.
  const cases = [
    { key: '40 MiB', id: 'f40', path: files.f40, rounds: 2 * ROUNDS },
    { key: '512 MiB', id: 'f512', path: files.f512, rounds: ROUNDS },
    { key: '40 MiB, upload throttled to 256 Mbit/s', id: 'f40', path: files.f40, rounds: Math.max(7, Math.min(ROUNDS, 9)), throttle: 32 * MiB },
  ];
  for (const c of cases) {
    log(`overhead: ${c.key}, ${c.rounds} rounds × ${variants.length} ways`);
    if (c.throttle) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: c.throttle });
    }
    const times = Object.fromEntries(variants.map((v) => [v, []]));
    const wrong = [];
    const events = [];
    for (let r = 0; r < c.rounds; r++) {
      // Interleaved, and the order rotates every round so no way always goes first (or after the same neighbour).
      const order = variants.map((_, i) => variants[(i + r) % variants.length]);
      for (const v of order) {
        const t = await page.evaluate(([v, id]) => window.timeUpload(v, id, '1.0.0'), [v, c.id]);
        if (t.sha256 !== files.hashes[c.path]) wrong.push(`${v} round ${r}: ${t.sha256}`);
        times[v].push(t.ms);
        if (t.events != null) events.push(t.events);
      }
    }
    out[c.key] = { size: statSync(c.path).size, times, wrong, rounds: c.rounds, throttled: !!c.throttle, events };
  }
  await context.close();
  return out;
}
