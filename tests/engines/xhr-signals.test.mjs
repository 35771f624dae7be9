// The XHR events the transport's clocks rely on, in each engine (WebDriver): "the last byte went out" must be
// observable before a slow server answers. Firefox fires `upload.load` only once the answer arrives, so the signal
// every engine gives is an upload `progress` with lengthComputable and loaded == total.
// BKPAAS_ENGINES=firefox,webkit,chromium picks the engines (all three by default).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../lib/emulator.mjs';
import { openBrowser } from '../lib/webdriver.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = (process.env.BKPAAS_ENGINES || 'firefox,webkit,chromium').split(',').filter(Boolean);

for (const engine of wanted) {
  describe(`XHR upload signals in ${engine}`, { timeout: 60000 }, () => {
    let emu, browser;
    before(async () => {
      emu = await startEmulator(['--www', join(here, 'probe')]);
      browser = await openBrowser(engine);
      await browser.goto(emu.origin + '/index.html');
    });
    after(async () => {
      await browser?.close();
      await emu?.stop();
    });

    test('a complete upload progress comes long before a slow answer', async () => {
      const { log, body } = await browser.run((o) => window.probeXhr(o), { base: emu.url, size: 1, fault: 'delay-ms=1200' });
      const sent = log.find((e) => e.ev === 'upload.progress' && e.lengthComputable && e.total > 0 && e.loaded === e.total);
      const headers = log.find((e) => e.ev === 'readystatechange' && e.readyState === 2);
      assert.ok(sent, 'no upload progress with loaded == total:\n' + JSON.stringify(log));
      assert.ok(headers, 'no answer:\n' + JSON.stringify(log));
      assert.ok(headers.t - sent.t >= 800, `the body was complete at ${sent.t} ms, the answer came at ${headers.t} ms:\n${JSON.stringify(log)}`);
      assert.match(body, /"version":"1"/);
    });
  });
}
