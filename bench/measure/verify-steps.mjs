// 3b. Where a 40 MiB `verify` upload's time goes: the plain upload alone, the worker's hash alone, then both
// started together as verify starts them; a loopback upload is CPU-bound, so the two slow each other down.
import { newPage, openBench } from '../lib/browser.mjs';
import { ROUNDS, log } from '../lib/context.mjs';

export const inputs = ['f40'];

export default async function verifySteps({ browser, emu, files }) {
  const n = Math.max(5, ROUNDS);
  log(`verify steps: ${n} rounds over 40 MiB (upload alone, hash alone, both together)`);
  const { context, page } = await newPage(browser);
  await openBench(page, emu, { small: files.small, f40: files.f40 });
  await page.evaluate(() => window.loadCore());
  await page.evaluate(() => window.timeVerifySteps('small')); // loads the sha256 entry, warms both paths
  const out = { up: [], hash: [], togetherUp: [], togetherHash: [], rounds: n };
  for (let r = 0; r < n; r++) {
    const t = await page.evaluate(() => window.timeVerifySteps('f40'));
    for (const k of Object.keys(t)) out[k].push(t[k]);
  }
  await context.close();
  return out;
}
