/** How much of the Blob has been hashed. */
export interface HashProgress {
  /** Bytes hashed so far. */
  loaded: number;
  /** The Blob's size. */
  total: number;
}

/**
 * The SHA-256 of a Blob as 64 lowercase hex digits (the form of the platform's `sha256Signature`). Reads 1 MiB
 * at a time, so memory stays constant whatever the size; the wasm module loads on the first call. Runs in the
 * calling thread: on a page, prefer {@link hashInWorker}. Rejects when the Blob cannot be read.
 */
export function sha256(file: Blob, onProgress?: (progress: HashProgress) => void): Promise<string>;

/**
 * Like {@link sha256}, in a module worker (`worker.js`, next to this file) so the page and an upload's events
 * are not held up. Falls back to the calling thread where `Worker` does not exist (an extension service worker)
 * or the worker cannot start. Under Trusted Types the worker URL goes through a policy named `bkpaas-upload`:
 * add it to your `trusted-types` directive if you list policy names.
 */
export function hashInWorker(file: Blob, onProgress?: (progress: HashProgress) => void): Promise<string>;
