// Headless Debian Chromium through playwright-core, with a throw-away profile under target/.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './emulator.mjs';

export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

/** Launches Chromium; `extensionDir` loads an unpacked extension. Returns the context and a close() that cleans up. */
export async function launch({ extensionDir, viewport = { width: 1280, height: 800 }, colorScheme, locale = 'en-US' } = {}) {
  const base = join(root, 'target', 'tmp');
  mkdirSync(base, { recursive: true });
  const profile = mkdtempSync(join(base, 'chromium-'));
  const args = [...chromiumArgs];
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args,
    viewport,
    colorScheme,
    locale,
  });
  const close = async () => { await context.close().catch(() => {}); rmSync(profile, { recursive: true, force: true }); };
  return { context, close };
}

/** Records CSP violations and page errors on a page; call `assertClean()` at the end of a test. */
export async function watchPage(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push('pageerror: ' + e.message));
  await page.addInitScript(() => {
    addEventListener('securitypolicyviolation', (e) => {
      (globalThis.__cspViolations ||= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return {
    problems,
    async assertClean() {
      const csp = await page.evaluate(() => globalThis.__cspViolations || []).catch(() => []);
      const all = [...problems, ...csp.map((v) => 'csp: ' + v)];
      if (all.length) throw new Error('page problems:\n' + all.join('\n'));
    },
  };
}
