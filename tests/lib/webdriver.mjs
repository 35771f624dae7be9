// A minimal W3C WebDriver client over fetch, and the engines it drives: Firefox ESR (geckodriver), WebKitGTK
// (WebKitWebDriver + MiniBrowser, under an Xvfb screen of its own) and Chromium (chromedriver). Capabilities come
// from webdriver.json, the file wasm-bindgen-test-runner reads too.
// Every process runs in a process group of its own behind a watchdog shell: the group (driver, browser and its
// helpers) is killed when close() runs or when this Node process ends, however it ends.
import { spawn } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { root } from './emulator.mjs';

const webdriverJson = JSON.parse(readFileSync(join(root, 'webdriver.json'), 'utf8'));

/** The engines: driver binary, its arguments for a port, the capabilities of a new session. */
export const engines = {
  firefox: {
    driver: () => process.env.GECKODRIVER || 'geckodriver',
    args: (port) => ['--port', String(port)],
    capabilities: () => ({ browserName: 'firefox', 'moz:firefoxOptions': webdriverJson['moz:firefoxOptions'] }),
  },
  webkit: {
    driver: () => process.env.SAFARIDRIVER || '/usr/bin/WebKitWebDriver',
    args: (port) => [`--port=${port}`],
    capabilities: () => ({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': webdriverJson['webkitgtk:browserOptions'] }),
    display: true, // no headless mode
  },
  chromium: {
    driver: () => process.env.CHROMEDRIVER || '/usr/bin/chromedriver',
    args: (port) => [`--port=${port}`],
    capabilities: () => ({
      browserName: 'chrome',
      'goog:chromeOptions': { binary: process.env.CHROMIUM || '/usr/bin/chromium', ...webdriverJson['goog:chromeOptions'] },
    }),
  },
};

// The watchdog shell (a background list's stdin is /dev/null: the pipe is kept as fd 9): runs the command in the background, ignores TERM itself, and
// - once its stdin (a pipe from this process) closes: TERMs the whole group, KILLs what is left 3 s later;
// - once the command ends: TERMs what the command left in the group and exits with the command's status.
const WATCHDOG = `exec 9<&0
"$@" & c=$!
trap '' TERM
{ cat <&9 >/dev/null; kill -TERM 0; sleep 3; kill -KILL 0; } &
wait "$c"; s=$?
kill -TERM 0
exit "$s"`;

/**
 * Spawns `cmd args` in a process group that dies with this process. The command's output goes to a buffer (the
 * last 20000 characters), or to ours with `inherit`; `extraFd` adds a pipe as fd 3. `wait()` keeps this process alive
 * until the command ends and resolves with its exit code.
 * @returns {{child: import('node:child_process').ChildProcess, output: () => string, wait: () => Promise<number>, stop: () => Promise<void>}}
 */
export function spawnTied(cmd, args, { env = process.env, extraFd = false, inherit = false } = {}) {
  const stdio = inherit ? ['pipe', 'inherit', 'inherit'] : ['pipe', 'pipe', 'pipe'];
  if (extraFd) stdio.push('pipe');
  const child = spawn('sh', ['-c', WATCHDOG, 'sh', cmd, ...args], { stdio, env, detached: true });
  let out = '';
  const keep = (d) => { out = (out + d).slice(-20000); };
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);
  child.stdin.on('error', () => {}); // the watcher may be gone already
  child.unref();
  for (const s of [child.stdout, child.stderr, child.stdin, ...(extraFd ? [child.stdio[3]] : [])]) s?.unref?.();
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  const stop = async () => {
    child.ref();
    child.stdin.end(); // also after the command ended: the watcher still waits for it
    await exited;
  };
  const wait = () => { child.ref(); return exited; };
  return { child, output: () => out, wait, stop };
}

/** An Xvfb screen of its own (the server picks a free display number). @returns {Promise<{display: string, stop}>} */
export async function startXvfb() {
  // -displayfd 3: Xvfb picks a free display and writes its number on fd 3 once it accepts connections.
  const x = spawnTied('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { extraFd: true });
  const display = await new Promise((resolve, reject) => {
    let n = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not start in 20 s:\n' + x.output())), 20000);
    x.child.stdio[3].setEncoding('utf8').on('data', (d) => {
      n += d;
      if (n.includes('\n')) { clearTimeout(timer); resolve(':' + n.trim()); }
    });
    x.child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`Xvfb exited (${code}):\n${x.output()}`)); });
  });
  return { display, stop: x.stop };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts the engine's driver on a free port; resolves once it answers /status. */
export async function startDriver(engine, { env = process.env } = {}) {
  const e = engines[engine];
  if (!e) throw new Error('unknown engine ' + engine);
  const tmp = join(root, 'target', 'tmp');
  mkdirSync(tmp, { recursive: true });
  const port = await freePort();
  const d = spawnTied(e.driver(), e.args(port), { env: { TMPDIR: tmp, ...env } });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20000;
  for (;;) {
    if (d.child.exitCode !== null) throw new Error(`${engine} driver exited:\n${d.output()}`);
    const ok = await fetch(url + '/status').then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) { await d.stop(); throw new Error(`${engine} driver did not start in 20 s:\n${d.output()}`); }
    await sleep(50);
  }
  return { url, output: d.output, stop: d.stop };
}

// Every command has a deadline: a hung browser must not hang the test (scripts get 60 s, see /timeouts).
async function call(base, method, path, body, timeoutMs = 90000) {
  const r = await fetch(base + path, {
    method,
    signal: AbortSignal.timeout(timeoutMs),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch { throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 500)}`); }
  if (!r.ok || json.value?.error) {
    const v = json.value || {};
    throw new Error(`${method} ${path}: ${v.error || r.status}: ${v.message || text.slice(0, 500)}`);
  }
  return json.value;
}

/**
 * Opens a browser of `engine` in a new WebDriver session (with its own Xvfb screen for WebKit).
 * close() ends the session, then stops the driver and the screen; each step runs even if the one before failed.
 */
export async function openBrowser(engine) {
  const stops = [];
  const close = async () => { for (const s of stops.reverse()) await s().catch(() => {}); stops.length = 0; };
  try {
    const env = { ...process.env };
    if (engines[engine].display) {
      const x = await startXvfb();
      stops.push(x.stop);
      env.DISPLAY = x.display;
    }
    const driver = await startDriver(engine, { env });
    stops.push(driver.stop);
    const session = await call(driver.url, 'POST', '/session', {
      capabilities: { alwaysMatch: engines[engine].capabilities() },
    });
    const base = `${driver.url}/session/${session.sessionId}`;
    stops.push(() => call(base, 'DELETE', '', undefined, 10000));
    await call(base, 'POST', '/timeouts', { script: 60000, pageLoad: 30000 });
    return {
      engine,
      capabilities: session.capabilities,
      /** Navigates and waits for the load event. */
      goto: (url) => call(base, 'POST', '/url', { url }),
      /** Runs `body` (a function's source text, called with `args`) in the page; resolves with what it returns. */
      run: (fn, ...args) => call(base, 'POST', '/execute/async', {
        script: `const done = arguments[arguments.length - 1];
          Promise.resolve().then(() => (${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
            .then((v) => done({ ok: v }), (e) => done({ thrown: String(e && e.stack || e) }));`,
        args,
      }).then((r) => { if (r && 'thrown' in r) throw new Error('in page: ' + r.thrown); return r.ok; }),
      driverOutput: driver.output,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
