// A module service worker (register with `{type: 'module'}`): no window, no XMLHttpRequest, so the package uploads
// with fetch; progress events say `transport: 'fetch'`, `lengthComputable: false`. `waitUntil` keeps the worker
// alive until the upload ends. With a bundler, import from 'bkpaas-upload'.
import { uploadFile } from '../../pkg/index.js';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const { data, source } = event;
  if (data?.type !== 'upload') return;
  const reply = (message) => source.postMessage(message);
  event.waitUntil((async () => {
    try {
      const pkg = await uploadFile({ ...data.options, file: data.file, onProgress: (progress) => reply({ type: 'progress', progress }) });
      reply({ type: 'result', package: pkg });
    } catch (e) {
      const error = { name: e?.name, message: String(e?.message ?? e) };
      for (const key of ['kind', 'status', 'requestId', 'retryable', 'option', 'code', 'codeName', 'detail']) error[key] = e?.[key] ?? null;
      reply({ type: 'error', error });
    }
  })());
});
