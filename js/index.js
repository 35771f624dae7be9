// bkpaas-upload: the package's entry. It loads the wasm (compiling it as soon as this module is evaluated, so the
// first call only instantiates) and hands each call to it with what only JS knows. Everything else happens in Rust.
import * as glue from '../target/wasm-bindgen/bkpaas_upload/bkpaas_upload.js';
import { loader } from './loader.js';
import { UploadError } from './errors.js';
import { loadTexts } from './texts.js';
import { early, redirect } from './source.js';

export { UploadError };

// The wasm sits next to this file; bundlers (Vite, webpack) follow `new URL(..., import.meta.url)` and copy it.
const url = new URL('./bkpaas_upload_bg.wasm', import.meta.url);
const wasm = loader(url, glue);

/** `xhr` where XMLHttpRequest exists (byte progress), else `fetch` (extension service workers, Node, Deno, Bun). */
export const transport = () => (typeof XMLHttpRequest === 'function' ? 'xhr' : 'fetch');

const browserLocale = () => (/^zh/i.test(globalThis.navigator?.language || '') ? 'zh-CN' : 'en');

/** An option as the wasm will read it (the call's, else the client's); a throwing getter is left for it to report. */
function option(options, base, key) {
  try {
    return options?.[key] ?? base?.[key];
  } catch {
    return undefined;
  }
}

// A Chinese browser gets its texts with the wasm, before the first call.
if (early && browserLocale() === 'zh-CN') loadTexts('zh-CN');

async function load(locale) {
  const texts = loadTexts(locale); // in parallel with the wasm; it never rejects (English stays)
  try {
    const exports = await wasm();
    await texts;
    return exports;
  } catch (cause) {
    await texts;
    throw new UploadError({ kind: 'network', reason: 'wasmLoad', url: String(url), retryable: true, cause, locale });
  }
}

async function call(link, options, base) {
  const wanted = option(options, base, 'locale');
  const locale = wanted === 'zh-CN' || wanted === 'en' ? wanted : browserLocale();
  await load(locale);
  // `verify`: hash the file in a worker while it uploads, from the moment it starts (after every check); the hashing
  // module loads only then, so the core stays small.
  const file = !link && option(options, base, 'verify') === true && option(options, base, 'file');
  let hashing = null;
  const start = file ? () => {
    const nativeMax = option(options, base, 'verifyNativeMax') ?? undefined;
    hashing = import('./sha256/index.js').then((m) => m.hashInWorker(file, { nativeMax }));
    hashing.catch(() => {}); // judged after the upload; an early failure must not be reported as unhandled
  } : undefined;
  // The glue's wrappers (they convert the arguments for the wasm exports of the same names).
  const pkg = await new Promise((resolve, reject) => (link ? glue.uploadLink : glue.uploadFile)(options, base, {
    xhr: transport() === 'xhr', locale, page: globalThis.location?.href, redirect, resolve, reject, onStart: start,
    dispatch: glue.event,
  }));
  return hashing ? verified(pkg, hashing, locale) : pkg;
}

async function verified(pkg, hashing, locale) {
  const fail = (fields) => new UploadError({ kind: 'integrity', status: 200, mayBeStored: true, locale, ...fields });
  let local;
  try {
    local = await hashing;
  } catch (cause) {
    throw fail({ reason: 'unhashable', cause });
  }
  const server = pkg.sha256Signature && pkg.sha256Signature.toLowerCase();
  if (server && server !== local) throw fail({ reason: 'mismatch', localSha256: local, serverSha256: server });
  return { ...pkg, localSha256: local, verified: !!server };
}

/** Uploads an archive; see UploadFileOptions. */
export const uploadFile = (options) => call(false, options);

/** Asks the platform to download an archive from a URL; see UploadLinkOptions. */
export const uploadLink = (options) => call(true, options);

/** Loads the wasm now (for pages that import lazily); rejects with the UploadError a first call would get. */
export const preload = () => load(browserLocale()).then(() => {});

/** Holds connection and auth options once; per-call options override them (both read as given, getters too). */
export class Client {
  #options;
  constructor(options) {
    this.#options = options;
  }
  uploadFile(options) {
    return call(false, options ?? {}, this.#options);
  }
  uploadLink(options) {
    return call(true, options ?? {}, this.#options);
  }
}
