// Where a wasm module comes from in a browser: fetched next to the entry, compiled while it streams in.
export const early = true;
// fetch (service workers) sees a redirect as an opaque answer and reports it.
export const redirect = 'manual';

export async function compile(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  // Streaming compilation needs the right type; a server that sends another still works, compiled after the download.
  return response.headers.get('Content-Type') === 'application/wasm'
    ? WebAssembly.compileStreaming(response)
    : WebAssembly.compile(await response.arrayBuffer());
}
