// bkpaas-upload/inspect: pre-flight facts about a source package, read in constant memory. The walking happens in
// Rust (inspect/src/); this file reads the Blob range by range as the wasm asks, and words the warnings.
import * as wasm from '../../target/wasm-bindgen/bkpaas_inspect/bkpaas_inspect.js';
import { loader } from '../loader.js';

const TYPES = [null, 'tar', 'tar.gz', 'tar.bz2', 'tar.xz', 'zip'];

let exports;
// The wasm sits next to this file; bundlers (Vite, webpack) follow `new URL(..., import.meta.url)` and copy it.
const wasmExports = loader(new URL('./bkpaas_inspect_bg.wasm', import.meta.url), wasm);
const load = () => wasmExports().then((e) => { exports = e; });

const text = (bytes) => (bytes ? new TextDecoder().decode(bytes) : null);

async function inspect(file) {
  await load();
  wasm.begin(file.size);
  for (let at; (at = wasm.want_at()) >= 0;) {
    wasm.give(new Uint8Array(await file.slice(at, at + wasm.want_len()).arrayBuffer()));
  }
  const type = TYPES[wasm.kind()];
  const appDescPath = text(wasm.path());
  const spec = wasm.spec();
  const specVersion = spec < 0 ? null : spec;
  const appVersion = text(wasm.version());
  const modules = appDescPath ? text(wasm.modules()).split('\n').filter(Boolean) : [];
  const detail = text(wasm.detail());
  const warnings = [];
  const messages = [];
  const warn = (code, message) => { warnings.push(code); messages.push(message); };
  const problem = wasm.problem();
  if (problem === 1) warn('not-archive', 'Not a tar, tar.gz, tar.bz2, tar.xz or zip archive: the platform will refuse it.');
  if (problem === 2) warn('corrupt', `The archive is damaged (${detail}): the platform will refuse it.`);
  if (problem === 3) warn('not-inspected', `The content was not inspected: ${detail}.`);
  if (!problem && !appDescPath) warn('no-app-desc', 'No app_desc.yaml at the root of the archive or one folder down.');
  if (appDescPath && specVersion !== 2 && specVersion !== 3) {
    warn('unknown-spec-version', 'app_desc.yaml declares neither spec_version: 2 nor specVersion: 3.');
  } else if (appDescPath && !appVersion) {
    warn('no-app-version', `app_desc.yaml has no ${specVersion === 2 ? 'app_version' : 'appVersion'}: the upload must name the version.`);
  }
  // What the file name's extension promises: the rules crate's one list, asked through the wasm.
  const name = typeof file.name === 'string' ? file.name : '';
  const promised = TYPES[wasm.extension_kind(name)];
  if (type && promised && promised !== type) {
    warn('name-mismatch', `The name promises ${promised} but the content is ${type}.`);
  }
  return { type, appDescPath, specVersion, appVersion, modules, warnings, messages };
}

// One inspection at a time: the wasm keeps one walk's state.
let queue = Promise.resolve();

/** Reads what the platform will read in a source package; see index.d.ts. */
export function inspectPackage(file) {
  const run = queue.then(() => inspect(file));
  queue = run.catch(() => {});
  return run;
}

/** Testing hook: the wasm memory's size in bytes (0 before first use). */
export const __memoryBytes = () => (exports ? exports.memory.buffer.byteLength : 0);
