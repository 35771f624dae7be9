// The browser side of the benchmark: one headless Chromium per run, a fresh context per page (empty caches), the
// bench page (bench/site/) opened from the emulator, and a JS heap sampler that sees the page and its workers.
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../../tests/lib/browser.mjs';
import { log } from './context.mjs';

export const launchBrowser = () =>
  chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: chromiumArgs });

/** A page in a fresh context (empty HTTP and code caches). */
export async function newPage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => log('page error:', e.message));
  page.setDefaultTimeout(10 * 60 * 1000);
  return { context, page };
}

/** Opens the bench page and picks `inputs` ({inputId: path}) through its <input type=file> elements. */
export async function openBench(page, emu, inputs = {}) {
  await page.goto(emu.origin + '/index.html');
  await page.waitForFunction(() => window.ready === true);
  for (const [id, path] of Object.entries(inputs)) await page.setInputFiles('#' + id, path);
}

/**
 * CDP `Runtime.getHeapUsage` of the page and of every worker it starts (auto-attached; a worker's heap is its own
 * isolate, invisible from the page's). `used` is the V8 heap, `backing` the ArrayBuffer backing stores outside it.
 */
export async function heapSampler(context, page) {
  const cdp = await context.newCDPSession(page);
  const workers = new Set();
  const pending = new Map();
  let id = 0;
  cdp.on('Target.attachedToTarget', (e) => { if (e.targetInfo.type === 'worker') workers.add(e.sessionId); });
  cdp.on('Target.detachedFromTarget', (e) => workers.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    if (pending.has(m.id)) { pending.get(m.id)(m.result || null); pending.delete(m.id); }
  });
  // Not flattened: this session talks to the workers through Target.sendMessageToTarget, beside Playwright's own.
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const inWorker = (sessionId) => new Promise((resolve) => {
    const n = ++id;
    pending.set(n, resolve);
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: n, method: 'Runtime.getHeapUsage' }) })
      .catch(() => { pending.delete(n); resolve(null); }); // the worker ended meanwhile
  });
  const of = (u) => ({ used: u ? u.usedSize : 0, backing: u ? u.backingStorageSize || 0 : 0 });
  /** {page: {used, backing}, workers: {used, backing}} now. */
  async function sample() {
    const [p, ...w] = await Promise.all([cdp.send('Runtime.getHeapUsage').catch(() => null), ...[...workers].map(inWorker)]);
    const ws = w.map(of);
    return { page: of(p), workers: { used: ws.reduce((n, x) => n + x.used, 0), backing: ws.reduce((n, x) => n + x.backing, 0) } };
  }
  return {
    sample,
    gc: () => cdp.send('HeapProfiler.collectGarbage'),
    /** Samples every `ms` until the returned stop() is called; stop() resolves to the peaks seen. */
    poll(ms) {
      const peak = { pageUsed: 0, pageBacking: 0, workerUsed: 0, workerBacking: 0, total: 0, samples: 0 };
      let on = true;
      const loop = (async () => {
        while (on) {
          const s = await sample();
          peak.pageUsed = Math.max(peak.pageUsed, s.page.used);
          peak.pageBacking = Math.max(peak.pageBacking, s.page.backing);
          peak.workerUsed = Math.max(peak.workerUsed, s.workers.used);
          peak.workerBacking = Math.max(peak.workerBacking, s.workers.backing);
          peak.total = Math.max(peak.total, s.page.used + s.page.backing + s.workers.used + s.workers.backing);
          peak.samples++;
          await new Promise((r) => setTimeout(r, ms));
        }
      })();
      return async () => { on = false; await loop; return peak; };
    },
  };
}
