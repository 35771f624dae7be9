// The extension's module service worker. No XMLHttpRequest, no window, no DOM here: the package sees that and uploads
// with fetch (progress events then say `transport: 'fetch'`, `lengthComputable: false`). The host permissions in
// manifest.json let fetch reach the gateway without any CORS headers from it.
import { uploadLink, uploadFile, transport } from './vendor/bkpaas-upload/index.js';
import { loadSettings, connection, describeError, plainError, versionFromUrl } from './settings.js';

const MENU_ID = 'bkpaas-upload-link';
// Links that look like archives (the platform accepts tar, tar.gz/tgz, tar.bz2, tar.xz, zip).
const ARCHIVE_LINKS = ['tar', 'tar.gz', 'tgz', 'tar.bz2', 'tbz2', 'tar.xz', 'txz', 'zip']
  .flatMap((ext) => [`*://*/*.${ext}`, `*://*/*.${ext}?*`]);

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({
    id: MENU_ID,
    title: chrome.i18n.getMessage('menuUploadLink') || 'Upload to BlueKing by link',
    contexts: ['link'],
    targetUrlPatterns: ARCHIVE_LINKS,
  }, () => {
    // Read lastError so that Chrome does not log it as unchecked; the DevTools console (and tests) can see it here.
    menu.error = chrome.runtime.lastError?.message ?? null;
    menu.created = !menu.error;
  });
});
const menu = { id: MENU_ID, created: false, error: null };

chrome.contextMenus.onClicked.addListener((info) => {
  if (info.menuItemId === MENU_ID && info.linkUrl) uploadByLink(info.linkUrl).catch(() => {});
});

/**
 * Asks the platform to download `url` and store it, with the saved settings; reports on the badge and in a
 * notification. Resolves to `{ok: true, result, progress}` or `{ok: false, error, progress}`.
 */
export async function uploadByLink(url, { version = versionFromUrl(url), allowOverwrite = false } = {}) {
  const progress = [];
  await badge('…', '#3a84ff');
  try {
    const options = {
      ...connection(await loadSettings()),
      packageUrl: url,
      allowOverwrite,
      onProgress: (p) => progress.push({ ...p }),
    };
    if (version) options.version = version;
    const result = await uploadLink(options);
    await badge('OK', '#2dcb56');
    await notify(`Stored ${result.packageName} ${result.version}`, `${(result.packageSize / 1024).toFixed(1)} KiB, sha256 ${result.sha256Signature || '-'}`);
    return { ok: true, result, progress };
  } catch (e) {
    await badge('ERR', '#ea3636');
    await notify('Upload by link failed', describeError(e));
    return { ok: false, error: plainError(e), progress };
  }
}

async function badge(text, color) {
  try {
    await chrome.action.setBadgeBackgroundColor({ color });
    await chrome.action.setBadgeText({ text });
  } catch { /* no action surface: ignore */ }
}

async function notify(title, message) {
  try {
    await chrome.notifications.create({ type: 'basic', iconUrl: 'icons/icon-128.png', title, message });
  } catch { /* notifications off or unsupported: the badge still tells */ }
}

// Messages: `{type: 'upload-link', url, version?, allowOverwrite?}` runs the same code path as the context menu.
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || !message || message.type !== 'upload-link') return false;
  uploadByLink(message.url, { version: message.version, allowOverwrite: message.allowOverwrite }).then(sendResponse);
  return true; // answers asynchronously
});

// For the DevTools console of this service worker (and for tests): `bkpaas.uploadByLink(url)`, `bkpaas.transport()`.
globalThis.bkpaas = { menu, uploadByLink, uploadLink, uploadFile, transport, loadSettings, connection };
