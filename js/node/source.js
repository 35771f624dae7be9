// Where a wasm module comes from in Node, Deno and Bun: the package's own file (their fetch cannot read file: URLs,
// or reads them differently). Nothing is read before the first call: importing the package does no work.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const early = false;
// Node's fetch keeps a copy of the whole body for any mode but `error` (undici tees it to replay on a redirect).
export const redirect = 'error';

export async function compile(url) {
  const bytes = url.protocol === 'file:' ? await readFile(fileURLToPath(url)) : await (await fetch(url)).arrayBuffer();
  return WebAssembly.compile(bytes);
}
