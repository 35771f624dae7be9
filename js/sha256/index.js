// bkpaas-upload/sha256: streaming SHA-256 of a Blob, in this thread or in a worker. The hashing happens in Rust
// (sha256/src/, sha2 with wasm SIMD); this file reads the Blob chunk by chunk, the next read overlapping the hash.
import init, { update, finish } from '../../target/wasm-bindgen/bkpaas_sha256/bkpaas_sha256.js';

const CHUNK = 1 << 20;

let ready;
// The wasm sits next to this file; bundlers (Vite, webpack) follow `new URL(..., import.meta.url)` and copy it.
const load = () => (ready ||= init({ module_or_path: new URL('./bkpaas_sha256_bg.wasm', import.meta.url) }));

const read = (file, at) => file.slice(at, at + CHUNK).arrayBuffer().then((b) => new Uint8Array(b));

async function hash(file, onProgress) {
  await load();
  finish(); // drops what a failed earlier call left behind
  const total = file.size;
  let next = total ? read(file, 0) : null;
  for (let loaded = 0; loaded < total;) {
    const chunk = await next;
    if (!chunk.length) throw new Error('sha256: the file changed while it was read');
    loaded += chunk.length;
    next = loaded < total ? read(file, loaded) : null;
    update(chunk);
    if (onProgress) onProgress({ loaded, total });
  }
  return finish();
}

// One hash at a time per thread: the wasm keeps one running state.
let queue = Promise.resolve();

/** The SHA-256 of a Blob as 64 lowercase hex digits; see index.d.ts. */
export function sha256(file, onProgress) {
  const run = queue.then(() => hash(file, onProgress));
  queue = run.catch(() => {});
  return run;
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

/** Like sha256(), in a worker so the page stays responsive; in this thread where workers are unavailable. */
export function hashInWorker(file, onProgress) {
  if (typeof Worker === 'undefined') return sha256(file, onProgress);
  let worker;
  try {
    worker = startWorker();
  } catch {
    return sha256(file, onProgress); // e.g. a `trusted-types` list without `bkpaas-upload`
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
      if (!heard) resolve(sha256(file, onProgress));
      else reject(new Error('sha256 worker failed: ' + e.message));
    };
    worker.postMessage(file);
  });
}
