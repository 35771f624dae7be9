// The wasm-bindgen tests (src/web/tests.rs) in each engine named on the command line, one after the other, against
// the emulators of tests/lib/with-emulator.mjs (one build serves all: EMULATOR_URL is compiled in).
//   node tests/lib/with-emulator.mjs -- node tests/engines/wasm.mjs chromium firefox webkit
// wasm-bindgen-test-runner picks its driver by environment: CHROMEDRIVER, GECKODRIVER (headless, webdriver.json's
// moz:firefoxOptions) or SAFARIDRIVER=WebKitWebDriver (it sends no capabilities there: MiniBrowser --automation is
// the driver's default) with DISPLAY on an Xvfb screen started here. Each run is a process group that dies with
// this process. Every engine runs; the exit status is non-zero when any failed.
import { spawnTied, startXvfb } from '../lib/webdriver.mjs';

const drivers = {
  chromium: { CHROMEDRIVER: process.env.CHROMEDRIVER || '/usr/bin/chromedriver' },
  firefox: { GECKODRIVER: process.env.GECKODRIVER || 'geckodriver' },
  webkit: { SAFARIDRIVER: process.env.SAFARIDRIVER || '/usr/bin/WebKitWebDriver' },
};
const names = process.argv.slice(2);
for (const n of names) if (!drivers[n]) throw new Error(`unknown engine ${n} (${Object.keys(drivers).join(', ')})`);

const results = [];
for (const engine of names) {
  const started = Date.now();
  const env = { ...process.env };
  // The runner takes the first driver variable it finds, gecko before safari before chrome: set only this one.
  for (const v of ['GECKODRIVER', 'SAFARIDRIVER', 'CHROMEDRIVER', 'MSEDGEDRIVER']) { delete env[v]; delete env[v + '_REMOTE']; }
  Object.assign(env, drivers[engine]);
  let xvfb;
  if (engine === 'webkit') { xvfb = await startXvfb(); env.DISPLAY = xvfb.display; }
  console.log(`\n-- wasm tests in ${engine}`);
  const run = spawnTied('cargo', ['test', '--target', 'wasm32-unknown-unknown', '-p', 'bkpaas-upload', '--lib'], { env, inherit: true });
  const code = await run.wait();
  await run.stop();
  await xvfb?.stop();
  results.push({ engine, code, seconds: ((Date.now() - started) / 1000).toFixed(1) });
}
console.log('\n' + results.map((r) => `wasm tests in ${r.engine}: ${r.code === 0 ? 'ok' : `FAILED (${r.code})`} in ${r.seconds} s`).join('\n'));
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
