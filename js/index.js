// bkpaas-upload: the package's entry. It loads the wasm on first use (no init() for users), and turns the wasm's
// rejections into UploadError instances. Everything else happens in Rust (src/).
import init, { upload } from '../target/wasm-bindgen/bkpaas_upload/bkpaas_upload.js';

const FIELDS = ['kind', 'status', 'requestId', 'retryable', 'option', 'code', 'codeName', 'detail', 'fieldsDetail',
  'bodyExcerpt', 'attempts', 'afterAmbiguousRetry', 'localSha256', 'serverSha256'];
const DEFAULTS = { retryable: false, afterAmbiguousRetry: false, attempts: 1 };

/** The one error type of the package; see index.d.ts for its fields. */
export class UploadError extends Error {
  constructor(fields) {
    super(fields.message);
    this.name = 'UploadError';
    for (const key of FIELDS) this[key] = fields[key] ?? DEFAULTS[key] ?? null;
  }
}

let ready;
// The wasm sits next to this file; bundlers (Vite, webpack) follow `new URL(..., import.meta.url)` and copy it.
function load() {
  const url = new URL('./bkpaas_upload_bg.wasm', import.meta.url);
  return (ready ||= init({ module_or_path: url }).catch((cause) => {
    ready = null; // a later call tries again
    const e = new UploadError({
      kind: 'network',
      message: `bkpaas-upload could not load its WebAssembly module from ${url}: ${cause && cause.message}. ` +
        'If your bundler did not copy bkpaas_upload_bg.wasm next to the bundle (esbuild does not), copy it there; ' +
        "under a Content-Security-Policy, allow 'wasm-unsafe-eval' in script-src.",
    });
    e.cause = cause;
    throw e;
  }));
}

const toError = (e) => (e && typeof e.kind === 'string' && !(e instanceof Error) ? new UploadError(e) : e);

async function call(link, options) {
  await load();
  // onShouldRetry sees the same UploadError the caller would.
  const veto = options && options.onShouldRetry;
  const opts = typeof veto === 'function' ? { ...options, onShouldRetry: (e, n) => veto(toError(e), n) } : options;
  // `verify`: hash the file in a worker while it uploads; the hashing module loads only then, so the core stays small.
  const hashing = !link && opts && opts.verify === true && opts.file instanceof Blob
    ? import('./sha256/index.js').then((m) => m.hashInWorker(opts.file))
    : null;
  hashing?.catch(() => {}); // judged after the upload; an early failure must not be reported as unhandled
  let pkg;
  try {
    pkg = await upload(link, opts);
  } catch (e) {
    throw toError(e);
  }
  return hashing ? verified(pkg, hashing) : pkg;
}

async function verified(pkg, hashing) {
  const fail = (message, fields) => new UploadError({ kind: 'integrity', message, status: 200, ...fields });
  let local;
  try {
    local = await hashing;
  } catch (e) {
    throw fail('The package was uploaded, but the local file could not be hashed to verify it: ' + (e && e.message));
  }
  const server = pkg.sha256Signature && pkg.sha256Signature.toLowerCase();
  if (server && server !== local) {
    throw fail(`The server stored different bytes than were sent: local SHA-256 ${local}, server sha256_signature ${server}. ` +
      'A proxy or gateway changed the body; upload again, and report it to the operators if it repeats.',
    { localSha256: local, serverSha256: server });
  }
  return { ...pkg, localSha256: local, verified: !!server };
}

/** Uploads an archive; see UploadFileOptions. */
export const uploadFile = (options) => call(false, options);

/** Asks the platform to download an archive from a URL; see UploadLinkOptions. */
export const uploadLink = (options) => call(true, options);

/** Holds connection and auth options once; per-call options override them. */
export class Client {
  #options;
  constructor(options) {
    this.#options = { ...options };
  }
  uploadFile(options) {
    return uploadFile({ ...this.#options, ...options });
  }
  uploadLink(options) {
    return uploadLink({ ...this.#options, ...options });
  }
}

/** `xhr` where XMLHttpRequest exists (byte progress), else `fetch`: the same test the wasm makes (src/web/transport.rs). */
export const transport = () => ('XMLHttpRequest' in globalThis ? 'xhr' : 'fetch');
