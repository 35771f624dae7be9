// 7. inspectPackage() on a large tar.gz with app_desc.yaml first (the walk stops at once) and last (the whole
// stream is inflated), and the inspect wasm's memory after every run.
import { statSync } from 'node:fs';
import { newPage, openBench } from '../lib/browser.mjs';
import { ROUNDS, log } from '../lib/context.mjs';

export const inputs = ['inspectFirst', 'inspectLast'];

export default async function inspect({ browser, emu, files }) {
  const { context, page } = await newPage(browser);
  await openBench(page, emu, { small: files.small, inspectFirst: files.inspectFirst, inspectLast: files.inspectLast });
  const n = Math.max(5, Math.min(ROUNDS, 7));
  log(`inspect: ${n} rounds, app_desc.yaml first and last`);
  await page.evaluate(() => window.timeInspect('small'));
  const out = { first: [], last: [], facts: {}, memory: 0 };
  for (let r = 0; r < n; r++) {
    for (const w of r % 2 ? ['last', 'first'] : ['first', 'last']) {
      const t = await page.evaluate((id) => window.timeInspect(id), w === 'first' ? 'inspectFirst' : 'inspectLast');
      out[w].push(t.ms);
      out.facts[w] = t.facts;
      out.memory = t.memory;
    }
  }
  out.wasm = (await page.evaluate(() => window.wasmMemories())).find((m) => m.label.includes('bkpaas_inspect'));
  out.sizes = { first: statSync(files.inspectFirst).size, last: statSync(files.inspectLast).size };
  await context.close();
  return out;
}
