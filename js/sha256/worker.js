// The module worker behind hashInWorker(): receives a Blob, posts `{progress}` messages, then `{hex}` or `{error}`.
import { sha256 } from './index.js';

self.onmessage = async ({ data: file }) => {
  try {
    const hex = await sha256(file, (progress) => self.postMessage({ progress }));
    self.postMessage({ hex });
  } catch (e) {
    self.postMessage({ error: String((e && e.message) || e) });
  }
};
