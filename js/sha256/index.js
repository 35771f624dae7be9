// bkpaas-upload/sha256: SHA-256 of a Blob, in this thread or in a worker. Two ways to hash: the browser's native
// `crypto.subtle.digest` (the CPU's SHA instructions, but one call over the whole file in memory), used by
// hashFile() when the Blob is at most a bound; and the streaming wasm hash (sha256/src/, sha2 with wasm SIMD),
// reading 1 MiB at a time with the next read overlapping the hash, for larger Blobs or where `crypto.subtle` is
// missing (insecure origins).
import * as glue from '../../target/wasm-bindgen/bkpaas_sha256/bkpaas_sha256.js';
import { loader } from '../loader.js';

const { update, digest } = glue;

const CHUNK = 1 << 20;
/** hashFile()'s default bound for the native path: the gateway's body limit (40 MiB), the largest upload it takes. */
export const NATIVE_MAX = 40 << 20;

// The wasm sits next to this file; bundlers (Vite, webpack) follow `new URL(..., import.meta.url)` and copy it.
// The loader is made on the first streaming hash, not at import: the shared loader starts compiling as soon as it is
// made, and the native path (every verify up to 40 MiB, in the page and in the worker) never needs the wasm.
let wasm;
const load = () => (wasm ||= loader(new URL('./bkpaas_sha256_bg.wasm', import.meta.url), glue))();

const read = (file, at) => file.slice(at, at + CHUNK).arrayBuffer().then((b) => new Uint8Array(b));
const changed = () => new Error('sha256: the file changed while it was read');

async function stream(file, onProgress) {
  await load();
  digest(); // drops what a failed earlier call left behind
  const total = file.size;
  let next = total ? read(file, 0) : null;
  for (let loaded = 0; loaded < total;) {
    const chunk = await next;
    if (!chunk.length) throw changed();
    loaded += chunk.length;
    next = loaded < total ? read(file, loaded) : null;
    update(chunk);
    if (onProgress) onProgress({ loaded, total });
  }
  return digest();
}

// One streaming hash at a time per thread: the wasm keeps one running state.
let queue = Promise.resolve();

/** The SHA-256 of a Blob as 64 lowercase hex digits, streamed through the wasm; see index.d.ts. */
export function sha256(file, onProgress) {
  const run = queue.then(() => stream(file, onProgress));
  queue = run.catch(() => {});
  return run;
}

const hex = (bytes) => Array.from(bytes, (b) => (b < 16 ? '0' : '') + b.toString(16)).join('');

/** `{ onProgress, nativeMax }` from hashFile()'s second argument (a bare function is `onProgress`). */
function options(arg) {
  const { onProgress, nativeMax = NATIVE_MAX } = typeof arg === 'function' ? { onProgress: arg } : arg || {};
  if (typeof nativeMax !== 'number' || !(nativeMax >= 0)) {
    throw new RangeError(`sha256: nativeMax must be a number of bytes ≥ 0, not ${String(nativeMax)}`);
  }
  if (onProgress != null && typeof onProgress !== 'function') throw new TypeError('sha256: onProgress must be a function');
  return { onProgress, nativeMax };
}

/** Native SHA-256 up to the bound, else the streaming wasm; see index.d.ts. */
export async function hashFile(file, arg) {
  const { onProgress, nativeMax } = options(arg);
  const subtle = globalThis.crypto && globalThis.crypto.subtle;
  if (!subtle || file.size > nativeMax) return sha256(file, onProgress);
  let bytes;
  try {
    bytes = await file.arrayBuffer(); // read once: subtle.digest() takes the whole input
  } catch (e) {
    if (e instanceof RangeError) return sha256(file, onProgress); // no room for the whole file: stream it instead
    throw e;
  }
  if (bytes.byteLength !== file.size) throw changed();
  const digest = await subtle.digest('SHA-256', bytes);
  if (onProgress) onProgress({ loaded: file.size, total: file.size });
  return hex(new Uint8Array(digest));
}

let policy;
// Under Trusted Types, a worker's URL must come from a policy; the literal `new Worker(new URL(...))` form is kept
// for bundlers, which look for exactly that.
function startWorker() {
  const tt = globalThis.trustedTypes;
  if (tt && tt.createPolicy) {
    policy ||= tt.createPolicy('bkpaas-upload', { createScriptURL: (url) => url });
    return new Worker(policy.createScriptURL(new URL('./worker.js', import.meta.url).href), { type: 'module' });
  }
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
}

/** hashFile() in a worker so the page stays responsive; in this thread where workers are unavailable. */
export function hashInWorker(file, arg) {
  let opts;
  try {
    opts = options(arg);
  } catch (e) {
    return Promise.reject(e);
  }
  const { onProgress, nativeMax } = opts;
  if (typeof Worker === 'undefined') return hashFile(file, opts);
  let worker;
  try {
    worker = startWorker();
  } catch {
    return hashFile(file, opts); // e.g. a `trusted-types` list without `bkpaas-upload`
  }
  return new Promise((resolve, reject) => {
    let heard = false;
    worker.onmessage = ({ data }) => {
      heard = true;
      if (data.progress) {
        if (onProgress) onProgress(data.progress);
        return;
      }
      worker.terminate();
      if (data.error) reject(new Error(data.error));
      else resolve(data.hex);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      // The worker script could not start (blocked by a policy, not served): hash here instead.
      if (!heard) resolve(hashFile(file, opts));
      else reject(new Error('sha256 worker failed: ' + e.message));
    };
    worker.postMessage({ file, nativeMax });
  });
}
