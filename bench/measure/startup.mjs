// 4. Start-up, this package against tus-js-client, interleaved: from import() to the first request, cold (a fresh
// context: empty HTTP and code caches) and warm (a second call in the same page); and the realistic case, a page
// that imports the package at load and calls the upload 300 ms later (the user picking a file), timed from the
// call to the first request. For the core, when its wasm was compiled and instantiated (the page wraps
// WebAssembly's entry points); and the 300 ms case once more in a Chromium with V8's lazy wasm compilation off
// (functions compiled up front rather than on their first call), to tell the first run of the code from the rest.
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../../tests/lib/browser.mjs';
import { newPage, openBench } from '../lib/browser.mjs';
import { ROUNDS, log } from '../lib/context.mjs';

export const inputs = [];
/** The realistic case's pause between the import at load and the call. */
export const LATER_MS = 300;

/** The wasm steps of one measurement: when compiling ended (ms after import()), instantiating after `from`. */
function steps(wasm, from = 0) {
  const compiled = wasm.filter((x) => x.kind !== 'instantiate').map((x) => x.end);
  const inst = wasm.filter((x) => x.kind === 'instantiate' && x.start >= from);
  return { compiledAt: compiled.length ? Math.max(...compiled) : null, instantiateMs: inst.reduce((n, x) => n + x.end - x.start, 0) };
}

async function later(browser, emu, kind) {
  const { context, page } = await newPage(browser);
  await openBench(page, emu);
  const r = await page.evaluate(([k, ms]) => window.startLater(k, ms), [kind, LATER_MS]);
  await context.close();
  return r;
}

export default async function startup({ browser, emu }) {
  const n = Math.max(2 * ROUNDS, 9);
  log(`start-up: ${n} rounds, cold, warm and called ${LATER_MS} ms after import, this package and tus-js-client`);
  const empty = () => ({ cold: [], warm: [], coldImport: [], coldResource: [], later: [], laterImport: [], coldSteps: [], laterSteps: [] });
  const out = { core: empty(), tus: empty(), laterMs: LATER_MS, eager: [] };
  for (let r = 0; r < n; r++) {
    for (const kind of r % 2 ? ['tus', 'core'] : ['core', 'tus']) {
      // Cold then warm, in one fresh context.
      const { context, page } = await newPage(browser);
      await openBench(page, emu);
      const cold = await page.evaluate((k) => window.startNow(k), kind);
      const warm = await page.evaluate((k) => window.startNow(k), kind);
      await context.close();
      const o = out[kind];
      o.cold.push(cold.ms);
      o.warm.push(warm.ms);
      o.coldImport.push(cold.importMs);
      if (cold.resourceMs != null) o.coldResource.push(cold.resourceMs);
      o.coldSteps.push(steps(cold.wasm));
      // Imported at load, called later, in another fresh context.
      const l = await later(browser, emu, kind);
      o.later.push(l.ms);
      o.laterImport.push(l.importMs);
      o.laterSteps.push(steps(l.wasm, l.callAt));
    }
  }
  const m = Math.max(5, Math.ceil(n / 2));
  log(`start-up: ${m} rounds called ${LATER_MS} ms after import, V8 lazy wasm compilation off (diagnostic)`);
  const eager = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: [...chromiumArgs, '--js-flags=--no-wasm-lazy-compilation'] });
  try {
    for (let r = 0; r < m; r++) out.eager.push((await later(eager, emu, 'core')).ms);
  } finally {
    await eager.close();
  }
  return out;
}
