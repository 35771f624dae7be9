// The benchmark page (served by the emulator with --www, same origin as the API). Driven by bench/run.mjs through
// Playwright: every function here is called with page.evaluate. Nothing of the package is imported until a
// measurement asks for it, so start-up can be timed from import().

// 1. Record every wasm instance's memory: the package does not expose its memory, so wrap the two entry points
//    wasm-bindgen's init() uses, before any module loads.
const memories = [];
const remember = (label, out) => {
  const instance = out.instance || out;
  const memory = instance.exports && instance.exports.memory;
  if (memory) memories.push({ label, memory, initial: memory.buffer.byteLength });
  return out;
};
const { instantiate, instantiateStreaming } = WebAssembly;
WebAssembly.instantiateStreaming = async function (source, imports) {
  const response = await source;
  return remember(response.url || '?', await instantiateStreaming.call(this, response, imports));
};
WebAssembly.instantiate = async function (source, imports) {
  return remember('instantiate', await instantiate.call(this, source, imports));
};
/** [{label, initial, now}] in bytes, for every wasm memory created in this page. */
window.wasmMemories = () => memories.map(({ label, memory, initial }) => ({ label, initial, now: memory.buffer.byteLength }));

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
window.startCore = async () => {
  const file = await small();
  const request = nextRequest('/api/bkpaas3/');
  const t0 = performance.now();
  const { uploadFile } = await import('/pkg/index.js');
  const imported = performance.now();
  const done = uploadFile({ baseUrl, appCode: 'bench-start', accessToken, file, allowOverwrite: true });
  const t1 = await request;
  const pkg = await done;
  const entry = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/bkpaas3/')).pop();
  return { ms: t1 - t0, importMs: imported - t0, resourceMs: entry ? entry.startTime - t0 : null, ok: !!pkg.sha256Signature };
};
window.startTus = async () => {
  const file = await small();
  const request = nextRequest('/tus-dummy/');
  const t0 = performance.now();
  const tus = await import('/lib/tus-js-client.js');
  const imported = performance.now();
  let upload;
  const failed = new Promise((resolve) => {
    upload = new tus.Upload(file, { endpoint: origin + '/tus-dummy/', retryDelays: null, onError: resolve, onSuccess: resolve });
  });
  upload.start();
  const t1 = await request;
  await failed; // the dummy endpoint answers 404: tus gives up; only the time to its first request counts
  return { ms: t1 - t0, importMs: imported - t0 };
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

// 5. SHA-256: this package's sha256() against hash-wasm, the same chunked reading with the next read overlapped.
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
  const fn = which === 'core' ? (await import('/pkg/sha256/index.js')).sha256 : hashWasm;
  const t0 = performance.now();
  const hex = await fn(file);
  return { ms: performance.now() - t0, hex };
};

// 6. inspect: app_desc.yaml first or last in a large tar.gz.
window.timeInspect = async (id) => {
  const m = await import('/pkg/inspect/index.js');
  const t0 = performance.now();
  const facts = await m.inspectPackage(pick(id));
  return { ms: performance.now() - t0, facts, memory: m.__memoryBytes ? m.__memoryBytes() : null };
};

window.ready = true;
