// The module worker behind hashInWorker(): receives `{file, nativeMax}`, posts `{progress}` messages, then `{hex}`
// or `{error}`.
import { hashFile } from './index.js';

self.onmessage = async ({ data: { file, nativeMax } }) => {
  try {
    const hex = await hashFile(file, { nativeMax, onProgress: (progress) => self.postMessage({ progress }) });
    self.postMessage({ hex });
  } catch (e) {
    self.postMessage({ error: String((e && e.message) || e) });
  }
};
