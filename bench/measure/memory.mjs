// 2. Memory: a 1 GiB archive picked through <input type=file>, uploaded with uploadFile; the wasm memory before and
// after, the JS heap around it.
import { statSync } from 'node:fs';
import { newPage, openBench, heapSampler } from '../lib/browser.mjs';
import { log } from '../lib/context.mjs';

export const inputs = ['f1g'];

export default async function memory({ browser, emu, files }) {
  log('memory: 1 GiB upload');
  const { context, page } = await newPage(browser);
  await openBench(page, emu, { small: files.small, f1g: files.f1g });
  const heap = await heapSampler(context, page);
  await page.evaluate(() => window.loadCore());
  await page.evaluate(() => window.timeUpload('core', 'small', '0.0.1')); // instantiates the wasm, warms the path
  const memWarm = await page.evaluate(() => window.wasmMemories());
  await heap.gc();
  const heapBefore = (await heap.sample()).page.used;
  const stop = heap.poll(100);
  const up = await page.evaluate(() => window.timeUpload('core', 'f1g', '1.0.0'));
  const peak = await stop();
  const memAfter = await page.evaluate(() => window.wasmMemories());
  await heap.gc();
  const heapAfter = (await heap.sample()).page.used;
  await context.close();
  const core = (list) => list.find((m) => m.label.includes('bkpaas_upload_bg.wasm'));
  return {
    size: statSync(files.f1g).size, ms: up.ms, sha256: up.sha256, expected: files.hashes[files.f1g],
    wasmInitial: core(memAfter).initial, wasmWarm: core(memWarm).now, wasmAfter: core(memAfter).now,
    heapBefore, heapPeak: Math.max(heapBefore, peak.pageUsed), heapAfter,
  };
}
