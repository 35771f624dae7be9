// A module worker: no window here, but XMLHttpRequest exists, so progress is in bytes (`transport: 'xhr'`).
// With a bundler, import from 'bkpaas-upload'; this example loads the built package from the repository's pkg/.
import { uploadFile } from '../../pkg/index.js';

let controller = null;

self.addEventListener('message', async ({ data }) => {
  if (data.type === 'cancel') return controller?.abort();
  if (data.type !== 'upload') return;
  controller = new AbortController();
  try {
    const pkg = await uploadFile({
      ...data.options,
      file: data.file,
      signal: controller.signal,
      onProgress: (progress) => self.postMessage({ type: 'progress', progress }),
    });
    self.postMessage({ type: 'result', package: pkg });
  } catch (e) {
    // An UploadError's fields are plain data; copy them so that postMessage keeps them.
    const error = { name: e?.name, message: String(e?.message ?? e) };
    for (const key of ['kind', 'status', 'requestId', 'retryable', 'option', 'code', 'codeName', 'detail']) error[key] = e?.[key] ?? null;
    self.postMessage({ type: 'error', error });
  } finally {
    controller = null;
  }
});
