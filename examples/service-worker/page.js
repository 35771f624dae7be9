// The page registers a module service worker, posts it the picked File and the options, and shows what it posts
// back. A service worker has no XMLHttpRequest: the package uploads with fetch there (no byte progress).
const $ = (id) => document.getElementById(id);
const events = [];
const swUrl = new URL('./sw.js', import.meta.url).href;
// Under `require-trusted-types-for 'script'` the service worker's URL is a script sink: let exactly ours through.
const policy = globalThis.trustedTypes?.createPolicy('bkpaas-upload-sw', {
  createScriptURL: (url) => {
    if (url !== swUrl) throw new TypeError(`unexpected service worker URL ${url}`);
    return url;
  },
});

navigator.serviceWorker.addEventListener('message', ({ data }) => {
  events.push(data);
  if (data.type === 'progress') {
    $('status').textContent = data.progress.lengthComputable ? `Sending: ${data.progress.loaded} bytes` : 'Sending (no byte progress in a service worker)…';
  } else if (data.type === 'result' || data.type === 'error') {
    $('status').textContent = data.type === 'result'
      ? `Stored ${data.package.packageName}, version ${data.package.version}.`
      : `Failed (${data.error.kind}): ${data.error.message}`;
    $('start').disabled = false;
    document.documentElement.dataset.events = JSON.stringify(events);
    document.documentElement.dataset.done = 'true';
  }
});

const registration = await navigator.serviceWorker.register(policy ? policy.createScriptURL(swUrl) : swUrl, { type: 'module' });
await navigator.serviceWorker.ready;
$('start').disabled = false;
$('status').textContent = '';

$('form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  events.length = 0;
  delete document.documentElement.dataset.done;
  $('start').disabled = true;
  registration.active.postMessage({
    type: 'upload',
    file: $('file').files[0],
    options: {
      baseUrl: new URL($('baseUrl').value, location.href).href.replace(/\/$/, ''),
      appCode: $('appCode').value.trim(),
      module: $('module').value.trim() || 'default',
      accessToken: $('token').value,
    },
  });
});
document.documentElement.dataset.ready = 'true';
