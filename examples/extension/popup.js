// The popup: saves the connection settings and uploads a picked file with uploadFile (XMLHttpRequest exists in
// extension pages, so progress is in bytes). Closing the popup ends its page, and with it a running upload.
import { uploadFile } from './vendor/bkpaas-upload/index.js';
import { loadSettings, saveSettings, connection, describeError } from './settings.js';

const $ = (id) => document.getElementById(id);
const FIELDS = ['baseUrl', 'stage', 'appCode', 'module', 'token'];
let controller = null;

function readForm() {
  const s = Object.fromEntries(FIELDS.map((k) => [k, $(k).value.trim()]));
  s.remember = $('remember').checked;
  return s;
}

async function init() {
  const s = await loadSettings();
  for (const k of FIELDS) $(k).value = s[k] || '';
  $('remember').checked = Boolean(s.remember);
  $('settings').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    await saveSettings(readForm());
    $('saved').textContent = $('remember').checked ? 'Saved (token kept on this device).' : 'Saved (token kept until the browser quits).';
  });
  $('upload').addEventListener('submit', (ev) => { ev.preventDefault(); start(); });
  $('cancel').addEventListener('click', () => controller?.abort());
  document.documentElement.dataset.ready = 'true';
}

function show(text, kind = '') {
  $('status').textContent = text;
  $('status').className = kind;
}

async function start() {
  const file = $('file').files[0];
  if (!file) return show('Pick an archive first.', 'error');
  let options;
  try { options = connection(readForm()); } catch (e) { return show(e.message, 'error'); }
  controller = new AbortController();
  $('start').disabled = true;
  $('cancel').disabled = false;
  const bar = $('progress');
  bar.hidden = false;
  bar.value = 0;
  show(`Sending ${file.name}…`);
  try {
    const pkg = await uploadFile({
      ...options,
      file,
      allowOverwrite: $('allowOverwrite').checked,
      signal: controller.signal,
      onProgress(p) {
        if (p.phase === 'processing') {
          bar.removeAttribute('value'); // indeterminate: the server is checking and storing
          show('Processing on the server…');
        } else if (p.lengthComputable && p.total) {
          bar.value = p.loaded / p.total;
          show(`Sending ${file.name}: ${Math.floor((100 * p.loaded) / p.total)} %`);
        }
      },
    });
    bar.value = 1;
    show(`Stored ${pkg.packageName}, version ${pkg.version} (${pkg.packageSize} bytes, sha256 ${pkg.sha256Signature}).`, 'ok');
    document.documentElement.dataset.result = JSON.stringify(pkg);
  } catch (e) {
    bar.hidden = true;
    show(describeError(e), 'error');
    document.documentElement.dataset.errorKind = e?.kind || 'unknown';
  } finally {
    controller = null;
    $('start').disabled = false;
    $('cancel').disabled = true;
  }
}

init();
