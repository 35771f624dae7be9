// The page: posts the picked File (a handle: its bytes are not copied) and the options to a module worker, and shows
// what the worker posts back. The page itself never loads the package.
const $ = (id) => document.getElementById(id);
const workerUrl = new URL('./worker.js', import.meta.url).href;
// Under `require-trusted-types-for 'script'` a Worker's URL is a script sink: it must come from a Trusted Types
// policy. This one lets exactly our worker through. (The package itself never touches such sinks.)
const policy = globalThis.trustedTypes?.createPolicy('bkpaas-upload-worker', {
  createScriptURL: (url) => {
    if (url !== workerUrl) throw new TypeError(`unexpected worker URL ${url}`);
    return url;
  },
});
const worker = new Worker(policy ? policy.createScriptURL(workerUrl) : workerUrl, { type: 'module' });
const events = []; // every message from the worker, for tests and for the curious

worker.addEventListener('message', ({ data }) => {
  events.push(data);
  const bar = $('progress');
  if (data.type === 'progress') {
    const p = data.progress;
    if (p.phase === 'processing') { bar.removeAttribute('value'); show('Processing on the server…'); }
    else if (p.lengthComputable && p.total) { bar.value = p.loaded / p.total; show(`Sending: ${Math.floor((100 * p.loaded) / p.total)} %`); }
  } else if (data.type === 'result') {
    bar.value = 1;
    show(`Stored ${data.package.packageName}, version ${data.package.version}.`, 'ok');
    done();
  } else if (data.type === 'error') {
    bar.value = 0;
    show(data.error.kind === 'aborted' ? 'Upload cancelled.' : `Failed (${data.error.kind}): ${data.error.message}`, 'error');
    done();
  }
});

function show(text, kind = '') {
  $('status').textContent = text;
  $('status').className = kind;
}

function done() {
  $('start').disabled = false;
  $('cancel').disabled = true;
  document.documentElement.dataset.events = JSON.stringify(events);
  document.documentElement.dataset.done = 'true';
}

$('form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  events.length = 0;
  delete document.documentElement.dataset.done;
  $('start').disabled = true;
  $('cancel').disabled = false;
  show('Sending…');
  worker.postMessage({
    type: 'upload',
    file: $('file').files[0],
    options: {
      // Relative roots resolve against the page; the worker resolves against its own URL, so pass an absolute one.
      baseUrl: new URL($('baseUrl').value, location.href).href.replace(/\/$/, ''),
      appCode: $('appCode').value.trim(),
      module: $('module').value.trim() || 'default',
      accessToken: $('token').value,
    },
  });
});
$('cancel').addEventListener('click', () => worker.postMessage({ type: 'cancel' }));
document.documentElement.dataset.ready = 'true';
