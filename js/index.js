// bkpaas-upload: the package's entry. It loads the wasm on first use (no init() for users), and turns the wasm's
// rejections into UploadError instances. Everything else happens in Rust (src/).
import init, { upload } from '../target/wasm-bindgen/bkpaas_upload/bkpaas_upload.js';

const FIELDS = ['kind', 'status', 'requestId', 'retryable', 'option', 'code', 'codeName', 'detail', 'fieldsDetail',
  'bodyExcerpt', 'attempts', 'afterAmbiguousRetry'];

/** The one error type of the package; see index.d.ts for its fields. */
export class UploadError extends Error {
  constructor(fields) {
    super(fields.message);
    this.name = 'UploadError';
    for (const key of FIELDS) this[key] = fields[key] ?? (key === 'retryable' || key === 'afterAmbiguousRetry' ? false : key === 'attempts' ? 1 : null);
  }
}

let ready;
// The wasm sits next to this file; bundlers (Vite, webpack) follow `new URL(..., import.meta.url)` and copy it.
const load = () => (ready ||= init({ module_or_path: new URL('./bkpaas_upload_bg.wasm', import.meta.url) }));

const toError = (e) => (e && typeof e.kind === 'string' && !(e instanceof Error) ? new UploadError(e) : e);

async function call(link, options) {
  await load();
  // onShouldRetry sees the same UploadError the caller would.
  const veto = options && options.onShouldRetry;
  const opts = typeof veto === 'function' ? { ...options, onShouldRetry: (e, n) => veto(toError(e), n) } : options;
  try {
    return await upload(link, opts);
  } catch (e) {
    throw toError(e);
  }
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

/** `xhr` where XMLHttpRequest exists (byte progress), else `fetch`. */
export const transport = () => (typeof XMLHttpRequest === 'function' ? 'xhr' : 'fetch');
