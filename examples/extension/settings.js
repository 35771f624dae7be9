// Connection settings, shared by the popup and the service worker.
// Non-secret settings live in chrome.storage.local. The token lives in chrome.storage.session (memory only, gone
// when the browser quits) unless the user ticked "remember", then in chrome.storage.local.
export const DEFAULTS = {
  baseUrl: 'https://bkapi.example.com/api/bkpaas3',
  stage: 'prod',
  appCode: '',
  module: 'default',
  remember: false,
};

const KEYS = Object.keys(DEFAULTS);

/** @returns {Promise<typeof DEFAULTS & {token: string}>} */
export async function loadSettings() {
  const local = await chrome.storage.local.get([...KEYS, 'token']);
  const session = await chrome.storage.session.get('token');
  const settings = { ...DEFAULTS };
  for (const key of KEYS) if (local[key] !== undefined) settings[key] = local[key];
  settings.token = (settings.remember ? local.token : session.token) || session.token || local.token || '';
  return settings;
}

export async function saveSettings({ token = '', ...rest }) {
  const plain = {};
  for (const key of KEYS) plain[key] = rest[key] ?? DEFAULTS[key];
  plain.remember = Boolean(plain.remember);
  await chrome.storage.local.set(plain);
  if (plain.remember) {
    await chrome.storage.local.set({ token });
    await chrome.storage.session.remove('token');
  } else {
    await chrome.storage.session.set({ token });
    await chrome.storage.local.remove('token');
  }
}

/** The package's connection options from saved settings. */
export function connection(settings) {
  const missing = ['baseUrl', 'appCode', 'token'].filter((k) => !settings[k]);
  if (missing.length) throw new Error(`Settings incomplete: ${missing.join(', ')}. Open the extension's popup and save them.`);
  return {
    baseUrl: settings.baseUrl,
    stage: settings.stage || 'prod',
    appCode: settings.appCode,
    module: settings.module || 'default',
    accessToken: settings.token,
  };
}

/** An UploadError (or any error) in words, for a person. */
export function describeError(e) {
  if (!e || typeof e !== 'object') return String(e);
  switch (e.kind) {
    case 'validation': return `Invalid ${e.option || 'option'}: ${e.message}`;
    case 'network': return `Could not reach the gateway (network, CORS or host permission): ${e.message}`;
    case 'timeout': return `The upload timed out: ${e.message}`;
    case 'aborted': return 'Upload cancelled.';
    case 'gateway': return `Gateway refused (${e.status} ${e.codeName || e.code}): ${e.message}` + (e.requestId ? ` [request id ${e.requestId}]` : '');
    case 'api': return `Server refused (${e.status} ${e.code}): ${e.detail || e.message}` + (e.requestId ? ` [request id ${e.requestId}]` : '');
    case 'http': return `HTTP ${e.status}: ${e.message}` + (e.requestId ? ` [request id ${e.requestId}]` : '');
    case 'response': return `Unexpected answer: ${e.message}`;
    default: return e.message || String(e);
  }
}

/** A plain, structured-cloneable copy of an error (for chrome.runtime messages). */
export function plainError(e) {
  const out = { message: describeError(e) };
  for (const key of ['name', 'kind', 'status', 'requestId', 'retryable', 'option', 'code', 'codeName', 'detail']) {
    if (e && e[key] !== undefined) out[key] = e[key];
  }
  return out;
}

/**
 * The version for a link: the part of the file name after the first '-' or '_' followed by a digit (or 'v' and a
 * digit), as the platform does for files (`myapp-1.2.3.tar.gz` -> `1.2.3`). `undefined` when there is none: then
 * the server reads it from app_desc.yaml (documented servers; the open-source server requires a version).
 */
export function versionFromUrl(url) {
  let name;
  try { name = decodeURIComponent(new URL(url).pathname.split('/').pop() || ''); } catch { return undefined; }
  const stem = name.replace(/\.(tar\.gz|tgz|tar\.bz2|tbz2|tar\.xz|txz|tar|zip)$/i, '');
  const m = /[-_](v?\d.*)$/.exec(stem);
  return m ? m[1] : undefined;
}
