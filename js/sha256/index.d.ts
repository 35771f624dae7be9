/** How much of the Blob has been hashed. */
export interface HashProgress {
  /** Bytes hashed so far. */
  loaded: number;
  /** The Blob's size. */
  total: number;
}

/** Options of {@link hashFile} and {@link hashInWorker}. */
export interface HashOptions {
  /**
   * Called as the hash advances: once per 1 MiB on the streaming path, once at the end on the native path
   * (`crypto.subtle.digest` takes the whole file in one call).
   */
  onProgress?: (progress: HashProgress) => void;
  /**
   * The largest Blob, in bytes, hashed with the browser's native `crypto.subtle.digest`, which reads the whole Blob
   * into memory once; larger Blobs are streamed through the wasm in 1 MiB reads (constant memory, slower).
   * Default {@link NATIVE_MAX} (40 MiB, the gateway's body limit); `0` always streams.
   */
  nativeMax?: number;
}

/** The default `nativeMax`: 40 MiB (41943040 bytes), the API gateway's body limit. */
export const NATIVE_MAX: number;

/**
 * The SHA-256 of a Blob as 64 lowercase hex digits (the form of the platform's `sha256Signature`), streamed through
 * the wasm: reads 1 MiB at a time, so memory stays constant whatever the size; the wasm module loads on the first
 * call. Runs in the calling thread: on a page, prefer {@link hashInWorker}. Rejects when the Blob cannot be read.
 */
export function sha256(file: Blob, onProgress?: (progress: HashProgress) => void): Promise<string>;

/**
 * The same digest as {@link sha256}, at native speed where it can: with `crypto.subtle.digest` when the Blob is at
 * most `nativeMax` bytes and `crypto.subtle` exists (it does not on insecure origins: plain `http:` other than
 * localhost), else (or when the Blob does not fit in memory) with {@link sha256}. A function as the second argument
 * is `onProgress`. Rejects with a `RangeError` for a bad `nativeMax`, and when the Blob cannot be read.
 */
export function hashFile(file: Blob, options?: HashOptions | ((progress: HashProgress) => void)): Promise<string>;

/**
 * Like {@link hashFile}, in a module worker (`worker.js`, next to this file) so the page and an upload's events
 * are not held up. Falls back to the calling thread where `Worker` does not exist (an extension service worker)
 * or the worker cannot start. Under Trusted Types the worker URL goes through a policy named `bkpaas-upload`:
 * add it to your `trusted-types` directive if you list policy names.
 */
export function hashInWorker(file: Blob, options?: HashOptions | ((progress: HashProgress) => void)): Promise<string>;
