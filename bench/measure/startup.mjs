// 4. Start-up, this package against tus-js-client, interleaved: from import() to the first request, cold (a fresh
// context: empty HTTP and code caches) and warm (a second call in the same page); and the realistic case, a page
// that imports the package at load and calls the upload 300 ms later (the user picking a file), timed from the
// call to the first request.
import { newPage, openBench } from '../lib/browser.mjs';
import { ROUNDS, log } from '../lib/context.mjs';

export const inputs = [];
/** The realistic case's pause between the import at load and the call. */
export const LATER_MS = 300;

export default async function startup({ browser, emu }) {
  const n = Math.max(2 * ROUNDS, 9);
  log(`start-up: ${n} rounds, cold, warm and called ${LATER_MS} ms after import, this package and tus-js-client`);
  const empty = () => ({ cold: [], warm: [], coldImport: [], coldResource: [], later: [], laterImport: [] });
  const out = { core: empty(), tus: empty(), laterMs: LATER_MS };
  for (let r = 0; r < n; r++) {
    for (const kind of r % 2 ? ['tus', 'core'] : ['core', 'tus']) {
      // Cold then warm, in one fresh context.
      let { context, page } = await newPage(browser);
      await openBench(page, emu);
      const cold = await page.evaluate((k) => window.startNow(k), kind);
      const warm = await page.evaluate((k) => window.startNow(k), kind);
      out[kind].cold.push(cold.ms);
      out[kind].warm.push(warm.ms);
      out[kind].coldImport.push(cold.importMs);
      if (cold.resourceMs != null) out[kind].coldResource.push(cold.resourceMs);
      await context.close();
      // Imported at load, called later, in another fresh context.
      ({ context, page } = await newPage(browser));
      await openBench(page, emu);
      const later = await page.evaluate(([k, ms]) => window.startLater(k, ms), [kind, LATER_MS]);
      out[kind].later.push(later.ms);
      out[kind].laterImport.push(later.importMs);
      await context.close();
    }
  }
  return out;
}
