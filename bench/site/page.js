// The benchmark page (served by the emulator with --www, same origin as the API). Driven by bench/run.mjs through
// Playwright: every function here is called with page.evaluate. Nothing of the package is imported until a
// measurement asks for it, so start-up can be timed from import().

// 1. Record every wasm instance's memory (the package does not expose its memory) and when each module was compiled
//    and instantiated: wrap the entry points wasm-bindgen's init() and the package's loader use, before any module
//    loads. A module compiled from a response is labelled with its URL, and so is its instance.
const memories = [];
const wasmSteps = [];
const labels = new WeakMap();
const remember = (label, out) => {
  const instance = out.instance || out;
  // The build gives internal exports short names: find the memory by its type.
  const memory = instance.exports && Object.values(instance.exports).find((x) => x instanceof WebAssembly.Memory);
  if (memory) memories.push({ label, memory, initial: memory.buffer.byteLength });
  return out;
};
const step = async (kind, label, run) => {
  const start = performance.now();
  const out = await run();
  wasmSteps.push({ kind, label, start, end: performance.now() });
  return out;
};
const { compile, compileStreaming, instantiate, instantiateStreaming } = WebAssembly;
WebAssembly.compileStreaming = async function (source) {
  const response = await source;
  const module = await step('compile', response.url, () => compileStreaming.call(this, response));
  labels.set(module, response.url);
  return module;
};
WebAssembly.compile = function (bytes) {
  return step('compile', '?', () => compile.call(this, bytes));
};
WebAssembly.instantiateStreaming = async function (source, imports) {
  const response = await source;
  return remember(response.url || '?', await step('compile+instantiate', response.url, () => instantiateStreaming.call(this, response, imports)));
};
WebAssembly.instantiate = async function (source, imports) {
  const label = labels.get(source) || 'instantiate';
  return remember(label, await step('instantiate', label, () => instantiate.call(this, source, imports)));
};
/** [{label, initial, now}] in bytes, for every wasm memory created in this page. */
window.wasmMemories = () => memories.map(({ label, memory, initial }) => ({ label, initial, now: memory.buffer.byteLength }));
/** The compile and instantiate steps of the core's wasm since `t0`: [{kind, start, end}] relative to t0. */
const coreSteps = (t0) => wasmSteps.filter((x) => x.start >= t0 && !/inspect|sha256/.test(x.label))
  .map(({ kind, start, end }) => ({ kind, start: start - t0, end: end - t0 }));

// 2. Timestamp requests as they are issued by JS (XMLHttpRequest.send, fetch): the first request on the wire.
const waiters = [];
const issued = (url) => {
  const t = performance.now();
  for (const w of waiters.splice(0)) {
    if (String(url).includes(w.match)) w.resolve(t);
    else waiters.push(w);
  }
};
const { open, send } = XMLHttpRequest.prototype;
XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  this.__benchUrl = url;
  return open.call(this, method, url, ...rest);
};
XMLHttpRequest.prototype.send = function (...args) {
  issued(this.__benchUrl);
  return send.apply(this, args);
};
const realFetch = window.fetch;
window.fetch = function (input, init) {
  issued(typeof input === 'string' ? input : input.url || String(input));
  return realFetch.call(this, input, init);
};
/** Resolves with performance.now() of the next request whose URL contains `match`. */
const nextRequest = (match) => new Promise((resolve) => waiters.push({ match, resolve }));

const origin = location.origin;
const baseUrl = origin + '/api/bkpaas3';
const accessToken = 'dev-token';
const auth = JSON.stringify({ access_token: accessToken });
const endpoint = (app) => `${baseUrl}/prod/bkapps/applications/${app}/modules/default/source_package/`;
const pick = (id) => document.getElementById(id).files[0];
const MAX = 2 ** 31;

// 3. Start-up: from import() to the first API request issued, for this package and for tus-js-client.
let smallFile;
async function small() {
  if (!smallFile) smallFile = new File([await (await realFetch('/small.tar')).blob()], 'bench-1.0.0.tar');
  return smallFile;
}
const starters = {
  core: {
    url: '/pkg/index.js',
    match: '/api/bkpaas3/',
    call: (m, file) => m.uploadFile({ baseUrl, appCode: 'bench-start', accessToken, file, allowOverwrite: true }),
  },
  tus: {
    url: '/lib/tus-js-client.js',
    match: '/tus-dummy/',
    // The dummy endpoint answers 404: tus gives up; only the time to its first request counts.
    call: (m, file) => new Promise((resolve) => {
      new m.Upload(file, { endpoint: origin + '/tus-dummy/', retryDelays: null, onError: resolve, onSuccess: resolve }).start();
    }),
  },
};
/** import() then the first call at once: {ms: import() to the first request, importMs: import() alone}. */
window.startNow = async (kind) => {
  const s = starters[kind];
  const file = await small();
  const request = nextRequest(s.match);
  const t0 = performance.now();
  const m = await import(s.url);
  const imported = performance.now();
  const done = s.call(m, file);
  const t1 = await request;
  await done;
  const entry = performance.getEntriesByType('resource').filter((e) => e.name.includes(s.match)).pop();
  return { ms: t1 - t0, importMs: imported - t0, resourceMs: entry ? entry.startTime - t0 : null, wasm: coreSteps(t0) };
};
/**
 * The page imports the package at load and the user calls it `laterMs` after: {ms: the call to the first request,
 * importMs: how long import() took}.
 */
window.startLater = async (kind, laterMs) => {
  const s = starters[kind];
  const file = await small();
  const t0 = performance.now();
  const m = await import(s.url);
  const importMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, Math.max(0, t0 + laterMs - performance.now())));
  const request = nextRequest(s.match);
  const t1 = performance.now();
  const done = s.call(m, file);
  const t2 = await request;
  await done;
  return { ms: t2 - t1, importMs, callAt: t1 - t0, wasm: coreSteps(t0) };
};

// 4. Overhead: the same FormData through this package and by hand.
const form = (file, name) => {
  const fd = new FormData();
  fd.append('package', file, name);
  fd.append('allow_overwrite', 'true');
  return fd;
};
const variants = {
  core: (file, name, app) => window.bk.uploadFile({ baseUrl, appCode: app, accessToken, file, filename: name, maxSize: MAX, allowOverwrite: true }),
  progress: (file, name, app) => {
    let events = 0;
    return window.bk.uploadFile({ baseUrl, appCode: app, accessToken, file, filename: name, maxSize: MAX, allowOverwrite: true,
      onProgress: () => { events++; } }).then((pkg) => ({ ...pkg, events }));
  },
  verify: (file, name, app) => window.bk.uploadFile({ baseUrl, appCode: app, accessToken, file, filename: name, maxSize: MAX, allowOverwrite: true, verify: true })
    .then((pkg) => { if (!pkg.verified) throw new Error('verify: not verified'); return pkg; }),
  fetch: async (file, name, app) => {
    const res = await realFetch(endpoint(app), { method: 'POST', headers: { 'X-Bkapi-Authorization': auth }, body: form(file, name) });
    const body = await res.json();
    if (!res.ok) throw new Error('fetch: ' + res.status + ' ' + JSON.stringify(body));
    return { sha256Signature: body.sha256_signature };
  },
  xhr: (file, name, app) => new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', endpoint(app));
    xhr.setRequestHeader('X-Bkapi-Authorization', auth);
    xhr.upload.onprogress = () => {}; // as an uploader with a progress bar would
    xhr.onload = () => (xhr.status === 200 ? resolve({ sha256Signature: JSON.parse(xhr.responseText).sha256_signature })
      : reject(new Error('xhr: ' + xhr.status + ' ' + xhr.responseText)));
    xhr.onerror = () => reject(new Error('xhr: network error'));
    xhr.send(form(file, name));
  }),
};
window.loadCore = async () => { window.bk = await import('/pkg/index.js'); return true; };
/** One timed upload of input `id` through `variant`; returns milliseconds. */
window.timeUpload = async (variant, id, version) => {
  const file = pick(id);
  const t0 = performance.now();
  const pkg = await variants[variant](file, `bench-${version}.tar`, `bench-${variant}`);
  const ms = performance.now() - t0;
  return { ms, sha256: pkg.sha256Signature, events: pkg.events ?? null };
};

/**
 * Where a `verify` upload's time goes: the plain upload alone, the worker hash alone (what verify runs beside the
 * upload), then both started together, as verify does: {up, hash, togetherUp, togetherHash} in ms.
 */
window.timeVerifySteps = async (id) => {
  const file = pick(id);
  const { hashInWorker } = await import('/pkg/sha256/index.js');
  const upload = () => variants.core(file, 'bench-1.0.0.tar', 'bench-steps');
  let t0 = performance.now();
  await upload();
  const up = performance.now() - t0;
  t0 = performance.now();
  await hashInWorker(file);
  const hash = performance.now() - t0;
  t0 = performance.now();
  const [togetherUp, togetherHash] = await Promise.all([upload(), hashInWorker(file)].map((p) => p.then(() => performance.now() - t0)));
  return { up, hash, togetherUp, togetherHash };
};

// 5. SHA-256: this package's sha256() (streaming wasm) and hashFile() (native crypto.subtle up to 40 MiB) against
//    hash-wasm with the same chunked reading, the next read overlapped.
const CHUNK = 1 << 20;
const read = (file, at) => file.slice(at, at + CHUNK).arrayBuffer().then((b) => new Uint8Array(b));
async function hashWasm(file) {
  const { createSHA256 } = await import('/lib/hash-wasm.js');
  const h = await createSHA256();
  h.init();
  let next = file.size ? read(file, 0) : null;
  for (let loaded = 0; loaded < file.size;) {
    const chunk = await next;
    loaded += chunk.length;
    next = loaded < file.size ? read(file, loaded) : null;
    h.update(chunk);
  }
  return h.digest('hex');
}
window.timeHash = async (which, id) => {
  const file = pick(id);
  const m = await import('/pkg/sha256/index.js');
  const fn = { core: m.sha256, native: (f) => m.hashFile(f), 'hash-wasm': hashWasm }[which];
  const t0 = performance.now();
  const hex = await fn(file);
  return { ms: performance.now() - t0, hex };
};

/** The native path's two steps apart, as hashFile() takes them: reading the whole File, then crypto.subtle.digest. */
window.timeNativeSteps = async (id) => {
  const file = pick(id);
  const t0 = performance.now();
  const bytes = await file.arrayBuffer();
  const t1 = performance.now();
  await crypto.subtle.digest('SHA-256', bytes);
  return { readMs: t1 - t0, digestMs: performance.now() - t1 };
};

// 6. inspect: app_desc.yaml first or last in a large tar.gz.
window.timeInspect = async (id) => {
  const m = await import('/pkg/inspect/index.js');
  const t0 = performance.now();
  const facts = await m.inspectPackage(pick(id));
  return { ms: performance.now() - t0, facts, memory: m.__memoryBytes ? m.__memoryBytes() : null };
};

window.ready = true;
