// The one lazy wasm loader of every entry (core, inspect, sha256): compiles the module early where `early` allows,
// instantiates it once on first use, and tries again after a failure (a later call may succeed).
import { compile, early } from './source.js';

/** A function that returns the module's exports, loading them the first time. `glue` is wasm-bindgen's glue. */
export function loader(url, glue) {
  let compiled;
  let ready;
  const module = () => (compiled ||= compile(url).catch((e) => {
    compiled = null;
    throw e;
  }));
  // Fetching and compiling start now, so that the first call only instantiates; a failure is reported then.
  if (early) module().catch(() => {});
  return () => (ready ||= module()
    .then(async (m) => glue.finish(await WebAssembly.instantiate(m, glue.imports()), m))
    .catch((e) => {
      ready = null;
      throw e;
    }));
}
