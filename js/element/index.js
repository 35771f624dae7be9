// <bkpaas-upload>: a drop-in upload widget around the core package (`../index.js`, left external so the core
// stays one shared file). DOM is built with createElement/textContent only (Trusted Types), styles are a
// constructable stylesheet (style-src 'self'), and secrets are properties or a callback, never attributes.
import { uploadFile, uploadLink } from '../index.js';
import { strings } from './strings.js';
import { css } from './styles.js';

const DEFAULT_MAX = 41943040;
const FILENAME_RULE = /^[A-Za-z0-9._-]+$/;
const ATTRS = ['base-url', 'stage', 'app-code', 'module', 'mode', 'allow-overwrite', 'max-size', 'lang', 'verify'];
const ARCHIVE_EXT = /\.(?:tar\.(?:gz|bz2|xz)|tgz|tbz2?|txz|tar|zip|gz|bz2|xz)$/i;

/**
 * The version a link's file name carries: `my-app-1.2.3.tar.gz` → `1.2.3`, `app_v2.0.zip` → `2.0`. The part after
 * the first `-` or `_` followed by a digit (or `v` and a digit), without the archive extension; `''` when none.
 */
export function versionFromUrl(url) {
  let name = String(url ?? '').trim().replace(/[?#].*$/, '');
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]+\/./i.test(name)) return '';
  name = name.slice(name.lastIndexOf('/') + 1);
  try { name = decodeURIComponent(name); } catch { /* keep it as typed */ }
  const m = /[-_]v?(\d.*)$/i.exec(name.replace(ARCHIVE_EXT, ''));
  return m && /^[A-Za-z0-9._+-]{1,64}$/.test(m[1]) ? m[1] : '';
}

let sheet = null;
function stylesheet() {
  if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(css); }
  return sheet;
}

/** Creates an element: `h('div', {class: 'x', part: 'y', hidden: true}, child, 'text')`. */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c != null) el.append(c);
  return el;
}

/** Detects the archive type from the first bytes, as the server does (by content, not by extension). */
async function sniff(file) {
  const b = new Uint8Array(await file.slice(0, 512).arrayBuffer());
  const at = (i, ...xs) => xs.every((x, j) => b[i + j] === x);
  if (at(0, 0x1f, 0x8b)) return 'gzip';
  if (at(0, 0x42, 0x5a, 0x68)) return 'bzip2';
  if (at(0, 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return 'xz';
  if (at(0, 0x50, 0x4b, 0x03, 0x04) || at(0, 0x50, 0x4b, 0x05, 0x06)) return 'zip';
  if (at(257, 0x75, 0x73, 0x74, 0x61, 0x72)) return 'tar';
  return null;
}

/** The start of an unexpected answer as words: markup dropped, and a page's title repeated by its heading said once. */
function plainExcerpt(body) {
  const text = body.replace(/<(script|style)[^>]*>[^<]*<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  const half = text.slice(0, (text.length - 1) / 2);
  return half && text === `${half} ${half}` ? half : text;
}

const BADGE = { gzip: 'tgz', bzip2: 'tbz', xz: 'txz', tar: 'tar', zip: 'zip' };

// The pre-flight inspector (issue 9) ships as its own optional entry; absent, the element simply skips it.
let defaultInspector;
function loadInspector() {
  defaultInspector ||= import('../inspect/index.js')
    .then((m) => m.inspectPackage || null)
    .catch(() => null);
  return defaultInspector;
}

export class BkpaasUploadElement extends HTMLElement {
  static observedAttributes = ATTRS;

  /** An OAuth access token. Never reflected to an attribute. */
  accessToken = null;
  /** Any auth accepted by the core (`{accessToken}` or app code/secret plus a user identity). */
  auth = null;
  /** Called before each upload; may be async. Wins over `auth` and `accessToken`. */
  getAuth = null;
  /** Extra core options (headers, retries, timeouts...) merged into each call. */
  options = {};
  /** `(file) => Promise<{type, appVersion, specVersion, warnings}>`; `null` = the optional inspect entry; `false` = off. */
  inspector = null;

  #root;
  #ui = {};
  #file = null;
  #fileProblem = null;
  #state = 'idle';
  #result = null;
  #error = null;
  #controller = null;
  #samples = [];
  #announced = 0;
  #pick = 0;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open', delegatesFocus: false });
    this.#root.adoptedStyleSheets = [stylesheet()];
    this.#build();
  }

  connectedCallback() { this.#render(); }
  attributeChangedCallback() { if (this.#ui.container) this.#render(); }

  // Attribute-backed properties for the non-secret settings.
  get baseUrl() { return this.getAttribute('base-url') || ''; }
  set baseUrl(v) { this.setAttribute('base-url', v); }
  get stage() { return this.getAttribute('stage') || ''; }
  set stage(v) { this.setAttribute('stage', v); }
  get appCode() { return this.getAttribute('app-code') || ''; }
  set appCode(v) { this.setAttribute('app-code', v); }
  get module() { return this.getAttribute('module') || ''; }
  set module(v) { this.setAttribute('module', v); }
  get mode() { return this.getAttribute('mode') === 'link' ? 'link' : 'file'; }
  set mode(v) { this.setAttribute('mode', v); }
  get allowOverwrite() { return this.hasAttribute('allow-overwrite'); }
  set allowOverwrite(v) { this.toggleAttribute('allow-overwrite', !!v); }
  get maxSize() { const n = Number(this.getAttribute('max-size')); return n > 0 ? n : DEFAULT_MAX; }
  set maxSize(v) { this.setAttribute('max-size', String(v)); }
  /** `verify`: hash the file while it uploads and check it against what the platform stored. Default off. */
  get verify() { return this.hasAttribute('verify'); }
  set verify(v) { this.toggleAttribute('verify', !!v); }

  /** Link mode: the URL field's value (a page may prefill it). */
  get packageUrl() { return this.#ui.url.input.value; }
  set packageUrl(v) { this.#ui.url.input.value = v ?? ''; this.#prefillVersion(); this.#clearOutcome(); this.#render(); }
  /** Link mode: the version field's value. */
  get version() { return this.#ui.version.input.value; }
  set version(v) {
    this.#ui.version.input.value = v ?? '';
    this.#versionTyped = !!this.#ui.version.input.value;
    this.#clearOutcome();
    this.#render();
  }

  /** `idle`, `ready`, `sending`, `processing`, `success` or `error`. */
  get state() { return this.#state; }
  get file() { return this.#file; }
  get result() { return this.#result; }
  get error() { return this.#error; }

  #lang() {
    const l = (this.getAttribute('lang') || globalThis.navigator?.language || 'en').toLowerCase();
    return l.startsWith('zh') ? 'zh' : 'en';
  }

  #t(key, vars = {}) {
    const s = strings[this.#lang()][key] ?? strings.en[key] ?? key;
    return typeof s === 'string' ? s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? '')) : s;
  }

  #size(n) {
    const units = this.#t('sizeUnits');
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return `${i === 0 ? n : n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`;
  }

  #duration(sec) {
    sec = Math.max(1, Math.round(sec));
    return sec < 60 ? this.#t('timeS', { n: sec }) : this.#t('timeM', { m: Math.floor(sec / 60), s: sec % 60 });
  }

  #build() {
    const ui = this.#ui;
    ui.input = h('input', { type: 'file', hidden: true, tabindex: '-1',
      accept: '.tar,.gz,.tgz,.bz2,.tbz2,.xz,.txz,.zip,application/gzip,application/x-tar,application/zip' });
    ui.dropTitle = h('span', { class: 'drop-title', id: 'drop-title' });
    ui.dropHint = h('span', { class: 'hint', id: 'drop-hint' });
    ui.dropzone = h('div', { class: 'dropzone', part: 'dropzone', role: 'button', tabindex: '0',
      'aria-labelledby': 'drop-title', 'aria-describedby': 'drop-hint' },
    h('span', { class: 'icon', 'aria-hidden': 'true' }, '↑'), ui.dropTitle, ui.dropHint);

    ui.badge = h('span', { class: 'badge', 'aria-hidden': 'true' });
    ui.fileName = h('span', { class: 'file-name' });
    ui.fileMeta = h('span', { class: 'file-meta' });
    ui.preflight = h('div', { class: 'preflight', part: 'preflight', hidden: true });
    ui.file = h('div', { class: 'file', part: 'file', hidden: true }, ui.badge, ui.fileName, ui.fileMeta, ui.preflight);
    ui.fileMessage = h('div', { class: 'message invalid', part: 'validation', id: 'file-msg', hidden: true });

    const field = (id, type, extra) => {
      const label = h('label', { for: id });
      const hint = h('span', { class: 'hint', id: id + '-hint' });
      const input = h('input', { id, type, part: 'input', 'aria-describedby': id + '-hint', ...extra });
      return { label, hint, input, el: h('div', { class: 'field', part: 'field' }, label, input, hint) };
    };
    ui.url = field('package-url', 'url', { autocomplete: 'off', spellcheck: 'false', placeholder: 'https://' });
    ui.version = field('version', 'text', { autocomplete: 'off', spellcheck: 'false', placeholder: '1.0.0' });
    ui.linkMessage = h('div', { class: 'message invalid', part: 'validation', hidden: true });
    ui.link = h('div', { class: 'stack', hidden: true }, ui.url.el, ui.version.el, ui.linkMessage);

    ui.overwrite = h('input', { type: 'checkbox', id: 'overwrite', part: 'checkbox' });
    ui.overwriteText = h('span');
    ui.overwriteLabel = h('label', { class: 'check', for: 'overwrite' }, ui.overwrite, ui.overwriteText);

    ui.uploadBtn = h('button', { type: 'button', class: 'primary', part: 'button upload-button' });
    ui.cancelBtn = h('button', { type: 'button', part: 'button cancel-button', hidden: true });
    ui.againBtn = h('button', { type: 'button', part: 'button again-button', hidden: true });
    ui.actions = h('div', { class: 'actions' }, ui.uploadBtn, ui.cancelBtn, ui.againBtn);

    ui.status = h('span', { class: 'status' });
    ui.rate = h('span', { class: 'rate' });
    ui.bar = h('div', { class: 'bar', part: 'progress-bar' });
    ui.track = h('div', { class: 'track', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100' }, ui.bar);
    ui.progress = h('div', { class: 'progress', part: 'progress', hidden: true },
      h('div', { class: 'progress-head' }, ui.status, ui.rate), ui.track);

    ui.resultTitle = h('h3', {}, h('span', { 'aria-hidden': 'true' }, '✓'), h('span'));
    ui.resultList = h('dl');
    ui.result = h('section', { class: 'card result', part: 'result', hidden: true, tabindex: '-1' }, ui.resultTitle, ui.resultList);

    ui.errorTitle = h('h3', {}, h('span', { 'aria-hidden': 'true' }, '!'), h('span'));
    ui.errorBody = h('div', { class: 'stack tight' });
    ui.error = h('section', { class: 'card error', part: 'error', role: 'alert', hidden: true }, ui.errorTitle, ui.errorBody);

    ui.live = h('div', { class: 'sr-only', 'aria-live': 'polite', role: 'status' });
    ui.slot = h('slot', { name: 'preflight' });

    ui.container = h('div', { class: 'container', part: 'container' },
      ui.input, ui.dropzone, ui.file, ui.fileMessage, ui.slot, ui.link, ui.overwriteLabel,
      ui.progress, ui.result, ui.error, ui.actions, ui.live);
    this.#root.append(ui.container);

    // Picking: click, Enter/Space, drag and drop.
    const choose = () => { if (!this.#busy()) ui.input.click(); };
    ui.dropzone.addEventListener('click', choose);
    ui.dropzone.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); choose(); }
    });
    ui.input.addEventListener('change', () => { if (ui.input.files[0]) this.setFile(ui.input.files[0]); ui.input.value = ''; });
    ui.dropzone.addEventListener('dragover', (e) => {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = this.#busy() ? 'none' : 'copy';
      if (!this.#busy()) { ui.dropzone.classList.add('over'); ui.dropTitle.textContent = this.#t('dropActive'); }
    });
    const leave = () => { ui.dropzone.classList.remove('over'); this.#render(); };
    ui.dropzone.addEventListener('dragleave', (e) => { if (!ui.dropzone.contains(e.relatedTarget)) leave(); });
    ui.dropzone.addEventListener('drop', (e) => {
      e.preventDefault();
      leave();
      const f = e.dataTransfer?.files?.[0];
      if (f && !this.#busy()) this.setFile(f);
    });

    ui.url.input.addEventListener('input', () => { this.#prefillVersion(); this.#clearOutcome(); this.#render(); });
    ui.version.input.addEventListener('input', () => {
      // Once the user types a version it is theirs; emptied, the link's version may fill it again.
      this.#versionTyped = !!ui.version.input.value;
      this.#clearOutcome();
      this.#render();
    });
    ui.overwrite.addEventListener('change', () => { this.#overwriteTouched = true; });
    ui.uploadBtn.addEventListener('click', () => { this.upload(); });
    ui.cancelBtn.addEventListener('click', () => this.cancel());
    ui.againBtn.addEventListener('click', () => { this.reset(); (this.mode === 'file' ? ui.dropzone : ui.url.input).focus(); });
  }

  #overwriteTouched = false;
  #versionTyped = false;

  /** Link mode: the version field follows the link's file name until the user types in it. */
  #prefillVersion() {
    if (!this.#versionTyped) this.#ui.version.input.value = versionFromUrl(this.#ui.url.input.value);
  }

  #busy() { return this.#state === 'sending' || this.#state === 'processing'; }

  #clearOutcome() {
    if (this.#state === 'success' || this.#state === 'error') {
      this.#state = this.#file || this.mode === 'link' ? 'ready' : 'idle';
      this.#result = null;
      this.#error = null;
    }
  }

  /** Selects a file to upload (also what a pick or a drop does). Checks it at once; nothing is sent yet. */
  async setFile(file) {
    if (this.#busy()) return;
    const pick = ++this.#pick;
    this.#file = file || null;
    this.#fileProblem = null;
    this.#fileType = undefined;
    this.#preflightInfo = null;
    this.#result = null;
    this.#error = null;
    this.#state = file ? 'ready' : 'idle';
    this.#render();
    if (!file) return;
    this.#announce(this.#t('aFile', { name: file.name, size: this.#size(file.size) }));
    this.#fileType = await sniff(file).catch(() => null);
    if (pick !== this.#pick) return;
    this.#fileProblem = this.#checkFile(file);
    this.#render();
    if (this.#fileProblem) this.#announce(this.#fileProblem);
    this.#preflight(file, pick);
  }

  #fileType = undefined;
  #preflightInfo = null;

  #checkFile(file) {
    if (!FILENAME_RULE.test(file.name) || file.name === '.' || file.name === '..') return this.#t('vName', { name: file.name });
    if (file.size === 0) return this.#t('vEmpty');
    if (file.size > this.maxSize) return this.#t('vSize', { size: this.#size(file.size), max: this.#size(this.maxSize) });
    if (this.#fileType === null) return this.#t('vType');
    return null;
  }

  async #preflight(file, pick) {
    if (this.inspector === false) return;
    try {
      const inspect = typeof this.inspector === 'function' ? this.inspector : await loadInspector();
      if (!inspect) return;
      const info = await inspect(file);
      if (pick === this.#pick && info) { this.#preflightInfo = info; this.#render(); }
    } catch { /* pre-flight is advisory: the server has the last word */ }
  }

  /** Shows pre-flight facts about the picked file (what `inspector` returns); `null` hides them. */
  showPreflight(info) { this.#preflightInfo = info || null; this.#render(); }

  /** Starts the upload with the current file or link. Resolves to the stored package, or `null` on failure/cancel. */
  async upload() {
    if (this.#busy()) return null;
    const link = this.mode === 'link';
    if (!link && (!this.#file || this.#fileProblem)) { this.#render(); return null; }
    if (link && this.#linkProblem()) { this.#showLinkProblem = true; this.#render(); return null; }
    const controller = new AbortController();
    this.#controller = controller;
    this.#result = null;
    this.#error = null;
    this.#samples = [];
    this.#announced = 0;
    this.#lastProgress = null;
    this.#state = 'sending';
    this.#render();
    try {
      const auth = await this.#auth();
      const opts = {
        ...this.options,
        ...auth,
        baseUrl: this.baseUrl || new URL('/api/bkpaas3', location.href).href,
        appCode: this.appCode,
        allowOverwrite: this.#ui.overwrite.checked,
        signal: controller.signal,
        onProgress: (p) => this.#onProgress(p),
      };
      if (this.stage) opts.stage = this.stage;
      if (this.module) opts.module = this.module;
      const pkg = link
        ? await uploadLink({ ...opts, packageUrl: this.#ui.url.input.value.trim(), version: this.#ui.version.input.value.trim() })
        : await uploadFile({ ...opts, file: this.#file, maxSize: this.maxSize, verify: this.verify });
      if (this.#controller !== controller) return null;
      this.#controller = null;
      this.#result = pkg;
      this.#state = 'success';
      this.#render();
      this.#announce(this.#t('aSuccess', { version: pkg.version }));
      this.#emit('bkpaas-success', pkg);
      return pkg;
    } catch (err) {
      if (this.#controller !== controller) return null;
      this.#controller = null;
      if (err?.kind === 'aborted' || controller.signal.aborted) {
        this.#state = this.#file || link ? 'ready' : 'idle';
        this.#render();
        this.#announce(this.#t('cancelled'));
        this.#emit('bkpaas-cancel', null);
        return null;
      }
      this.#error = err;
      this.#state = 'error';
      this.#render();
      this.#emit('bkpaas-error', err);
      return null;
    }
  }

  /** Cancels the running upload (fires `bkpaas-cancel`). */
  cancel() { this.#controller?.abort(); }

  /** Clears the file, link fields, result and error. */
  reset() {
    this.cancel();
    this.#controller = null;
    this.#file = null;
    this.#fileProblem = null;
    this.#preflightInfo = null;
    this.#result = null;
    this.#error = null;
    this.#showLinkProblem = false;
    this.#ui.url.input.value = '';
    this.#ui.version.input.value = '';
    this.#versionTyped = false;
    this.#state = 'idle';
    this.#render();
  }

  async #auth() {
    let auth = null;
    if (typeof this.getAuth === 'function') auth = await this.getAuth();
    else if (this.auth) auth = this.auth;
    else if (this.accessToken) auth = { accessToken: this.accessToken };
    return auth || {};
  }

  #showLinkProblem = false;
  #linkProblem() {
    const url = this.#ui.url.input.value.trim();
    if (!/^https?:\/\/[^\s/]+/i.test(url)) return { field: 'url', text: this.#t('vUrl') };
    if (!this.#ui.version.input.value.trim()) return { field: 'version', text: this.#t('vVersion') };
    return null;
  }

  #lastProgress = null;
  #onProgress(p) {
    if (!this.#controller) return;
    this.#lastProgress = p;
    if (p.phase === 'processing' && this.#state !== 'processing') {
      this.#state = 'processing';
      this.#announce(this.#t('aProcessing'));
    }
    const now = performance.now();
    this.#samples.push([now, p.loaded]);
    while (this.#samples.length > 2 && now - this.#samples[0][0] > 3000) this.#samples.shift();
    if (p.phase === 'sending' && p.lengthComputable && p.total) {
      const pct = Math.floor((p.loaded / p.total) * 100);
      const step = Math.floor(pct / 25);
      if (step > this.#announced && pct < 100) { this.#announced = step; this.#announce(this.#t('aProgress', { pct: pct + '%' })); }
    }
    this.#renderProgress();
    this.#emit('bkpaas-progress', p);
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #announce(text) {
    // Re-set so that the same words are read again.
    this.#ui.live.textContent = '';
    requestAnimationFrame(() => { this.#ui.live.textContent = text; });
  }

  #render() {
    const ui = this.#ui;
    const link = this.mode === 'link';
    const busy = this.#busy();
    ui.container.dataset.state = this.#state;
    if (!this.#overwriteTouched) ui.overwrite.checked = this.allowOverwrite;

    ui.dropzone.hidden = link;
    ui.dropzone.classList.toggle('compact', !!this.#file);
    ui.dropzone.setAttribute('aria-disabled', String(busy));
    ui.dropzone.tabIndex = busy ? -1 : 0;
    if (!ui.dropzone.classList.contains('over')) {
      ui.dropTitle.textContent = this.#t(this.#file ? 'dropChange' : 'dropTitle');
    }
    ui.dropHint.textContent = this.#t('dropHint', { max: this.#size(this.maxSize) });

    const file = this.#file;
    ui.file.hidden = link || !file;
    if (file) {
      ui.fileName.textContent = file.name;
      const type = this.#fileType === undefined ? '…' : this.#t(this.#fileType ? 'type' + this.#fileType[0].toUpperCase() + this.#fileType.slice(1) : 'typeUnknown');
      ui.fileMeta.textContent = `${this.#size(file.size)} · ${this.#t('detected', { type })}`;
      ui.fileMeta.title = this.#t('bytes', { n: file.size.toLocaleString() });
      ui.badge.textContent = BADGE[this.#fileType] || '?';
    }
    this.#renderPreflight(link || !file);
    ui.fileMessage.hidden = link || !this.#fileProblem;
    ui.fileMessage.textContent = this.#fileProblem || '';
    if (this.#fileProblem && !link) ui.dropzone.setAttribute('aria-errormessage', 'file-msg');
    else ui.dropzone.removeAttribute('aria-errormessage');

    ui.link.hidden = !link;
    ui.url.label.textContent = this.#t('urlLabel');
    ui.url.hint.textContent = this.#t('urlHint');
    ui.version.label.textContent = this.#t('versionLabel');
    ui.version.hint.textContent = this.#t('versionHint');
    ui.url.input.disabled = ui.version.input.disabled = busy;
    const lp = link && this.#showLinkProblem ? this.#linkProblem() : null;
    ui.linkMessage.hidden = !lp;
    ui.linkMessage.textContent = lp ? lp.text : '';
    ui.url.input.setAttribute('aria-invalid', String(lp?.field === 'url'));
    ui.version.input.setAttribute('aria-invalid', String(lp?.field === 'version'));

    ui.overwriteText.textContent = this.#t('overwrite');
    ui.overwrite.disabled = busy;

    ui.uploadBtn.textContent = this.#t(this.#state === 'error' ? 'retry' : link ? 'uploadLink' : 'upload');
    ui.uploadBtn.hidden = busy || this.#state === 'success';
    ui.uploadBtn.disabled = link ? false : !file || !!this.#fileProblem;
    ui.cancelBtn.textContent = this.#t('cancel');
    ui.cancelBtn.hidden = !busy;
    ui.againBtn.textContent = this.#t('again');
    ui.againBtn.hidden = this.#state !== 'success';

    ui.progress.hidden = !busy;
    if (busy) this.#renderProgress();
    this.#renderResult();
    this.#renderError();
  }

  #renderPreflight(hide) {
    const ui = this.#ui;
    const info = this.#preflightInfo;
    ui.preflight.hidden = hide || !info;
    ui.preflight.replaceChildren();
    if (hide || !info) return;
    const facts = [info.type, info.appVersion && this.#t('preflightVersion', { version: info.appVersion }),
      info.specVersion && this.#t('preflightSpec', { spec: info.specVersion })].filter(Boolean);
    ui.preflight.append(h('span', {}, this.#t('preflight', { details: facts.join(' · ') })));
    // The inspect entry gives warning codes and English messages; words we have for a code win.
    const words = (info.warnings || []).map((code, i) => {
      const known = this.#t('warnings')[code];
      return this.#lang() === 'en' ? info.messages?.[i] || known || code : known || info.messages?.[i] || code;
    });
    if (words.length) ui.preflight.append(h('ul', {}, ...words.map((w) => h('li', {}, String(w)))));
  }

  #renderProgress() {
    const ui = this.#ui;
    const p = this.#lastProgress;
    const processing = this.#state === 'processing';
    const known = p && p.lengthComputable && p.total > 0 && !processing;
    ui.track.classList.toggle('indeterminate', !known);
    ui.track.setAttribute('aria-label', this.#t('progressLabel'));
    if (processing) {
      ui.status.textContent = this.#t(this.mode === 'link' ? 'processingLink' : 'processing');
      ui.rate.textContent = '';
      ui.track.removeAttribute('aria-valuenow');
      ui.track.setAttribute('aria-valuetext', ui.status.textContent);
      return;
    }
    if (!known) {
      ui.status.textContent = this.mode === 'link' ? this.#t('processingLink')
        : p && !p.lengthComputable ? this.#t('sendingUnknown') : this.#t('sending') + '…';
      ui.rate.textContent = '';
      ui.track.removeAttribute('aria-valuenow');
      return;
    }
    const pct = Math.min(100, Math.floor((p.loaded / p.total) * 100));
    ui.bar.style.setProperty('--bkpaas-p', pct + '%');
    ui.track.setAttribute('aria-valuenow', String(pct));
    ui.track.setAttribute('aria-valuetext', pct + '%');
    ui.status.textContent = `${this.#t('sending')} ${pct}%`;
    const s = this.#samples;
    const dt = s.length > 1 ? (s[s.length - 1][0] - s[0][0]) / 1000 : 0;
    const speed = dt > 0.2 ? (s[s.length - 1][1] - s[0][1]) / dt : 0;
    ui.rate.textContent = speed > 0
      ? `${this.#t('speed', { speed: this.#size(speed) })} · ${this.#t('left', { time: this.#duration((p.total - p.loaded) / speed) })}`
      : '';
  }

  #renderResult() {
    const ui = this.#ui;
    const r = this.#result;
    ui.result.hidden = !r;
    if (!r) return;
    ui.resultTitle.lastChild.textContent = this.#t('successTitle');
    const none = this.#t('none');
    const row = (label, value, part) => [h('dt', {}, label), h('dd', { part }, value ?? none)];
    const size = h('span', { title: this.#t('bytes', { n: r.packageSize.toLocaleString() }) }, this.#size(r.packageSize));
    let sha = r.sha256Signature
      ? h('span', { class: 'sha' }, h('span', { class: 'mono', 'data-field': 'sha256' }, r.sha256Signature), this.#copyButton(r.sha256Signature))
      : none;
    if (r.verified === true) {
      // `verify` proved the stored bytes are the bytes sent: say so next to the hash.
      sha = h('span', { class: 'sha-block' }, sha,
        h('span', { class: 'verified', part: 'verified', 'data-field': 'verified' },
          h('span', { class: 'pill' }, h('span', { class: 'tick', 'aria-hidden': 'true' }, '✓'), h('strong', {}, this.#t('verified'))),
          ' ', h('span', { class: 'why' }, this.#t('verifiedHint'))));
    }
    size.dataset.field = 'size';
    ui.resultList.replaceChildren(
      ...row(this.#t('fVersion'), h('strong', { 'data-field': 'version' }, r.version)),
      ...row(this.#t('fName'), h('span', { class: 'mono', 'data-field': 'package-name' }, r.packageName)),
      ...row(this.#t('fSize'), size),
      ...row(this.#t('fSha'), sha, 'sha256'),
      ...row(this.#t('fCreated'), r.created),
      ...row(this.#t('fUpdated'), r.updated),
      ...row(this.#t('fOperator'), r.operator),
    );
  }

  #copyButton(text) {
    const btn = h('button', { type: 'button', class: 'small', part: 'copy-button' }, this.#t('copy'));
    btn.addEventListener('click', async () => {
      try { await navigator.clipboard.writeText(text); } catch {
        const sel = getSelection(); const range = document.createRange();
        range.selectNodeContents(btn.previousSibling); sel.removeAllRanges(); sel.addRange(range);
      }
      btn.textContent = this.#t('copied');
      this.#announce(this.#t('copied'));
      setTimeout(() => { btn.textContent = this.#t('copy'); }, 1500);
    });
    return btn;
  }

  /** The error in plain words: a title, what it means, what the server said, and the request id. */
  #renderError() {
    const ui = this.#ui;
    const e = this.#error;
    ui.error.hidden = !e;
    if (!e) return;
    const lines = [];
    const para = (text, cls) => h('p', { class: cls }, text);
    let title;
    switch (e.kind) {
      case 'validation': {
        const names = this.#t('options');
        title = this.#t('eValidation', { option: names[e.option] || e.option || '?' });
        lines.push(para(e.message));
        break;
      }
      case 'network':
        title = this.#t('eNetwork');
        lines.push(para(this.#t('eNetworkBody', { origin: location.origin })));
        break;
      case 'timeout':
        title = this.#t('eTimeout');
        lines.push(para(this.#t('eTimeoutBody')));
        break;
      case 'gateway':
        title = this.#t('eGateway');
        if (e.message) lines.push(para(e.message));
        if (e.status === 400 || e.status === 401) lines.push(para(this.#t('eGatewayAuth')));
        if (e.status === 403) lines.push(para(this.#t('eGatewayPerm')));
        lines.push(para(this.#t('code', { code: [e.status && `HTTP ${e.status}`, e.code, e.codeName].filter(Boolean).join(' · ') }), 'meta'));
        break;
      case 'api': {
        title = this.#t('eApi');
        if (e.detail) lines.push(para(e.detail));
        const fd = e.fieldsDetail;
        if (Array.isArray(fd) && fd.length) lines.push(h('ul', {}, ...fd.map((m) => h('li', {}, String(m)))));
        else if (fd && typeof fd === 'object') {
          const items = Object.entries(fd).map(([k, v]) => h('li', {}, `${k}: ${[].concat(v).join(' ')}`));
          if (items.length) lines.push(h('ul', {}, ...items));
        }
        if (e.code === 'PACKAGE_ALREADY_EXISTS') lines.push(para(this.#t(e.afterAmbiguousRetry ? 'eAmbiguous' : 'eExists')));
        lines.push(para(this.#t('code', { code: [e.status && `HTTP ${e.status}`, e.code].filter(Boolean).join(' · ') }), 'meta'));
        break;
      }
      case 'integrity':
        if (e.localSha256 && e.serverSha256) {
          title = this.#t('eIntegrity');
          lines.push(para(this.#t('eIntegrityBody')));
          const hash = (label, value, field) => [h('dt', {}, label), h('dd', { class: 'mono', 'data-field': field }, value)];
          lines.push(h('dl', { class: 'hashes' },
            ...hash(this.#t('eIntegrityLocal'), e.localSha256, 'local-sha256'),
            ...hash(this.#t('eIntegrityServer'), e.serverSha256, 'server-sha256')));
          lines.push(para(this.#t(e.requestId ? 'eIntegrityAdvice' : 'eIntegrityAdviceNoId')));
        } else {
          // Stored, but the local hash failed: nothing proves either way.
          title = this.#t('eIntegrityUnchecked');
          lines.push(para(String(e.message || '')));
        }
        break;
      case 'http':
      case 'response':
        title = e.kind === 'http' ? this.#t('eHttp', { status: e.status }) : this.#t('eResponse');
        lines.push(para(this.#t('eHttpBody')));
        if (e.bodyExcerpt) lines.push(h('blockquote', { part: 'excerpt' }, plainExcerpt(e.bodyExcerpt)));
        break;
      default:
        title = this.#t('eUnknown');
        lines.push(para(String(e?.message ?? e)));
    }
    if (e.requestId) lines.push(para(this.#t('requestId', { id: e.requestId }), 'meta'));
    ui.error.dataset.kind = e.kind || 'unknown';
    ui.errorTitle.lastChild.textContent = title;
    ui.errorBody.replaceChildren(...lines);
  }
}

if (!customElements.get('bkpaas-upload')) customElements.define('bkpaas-upload', BkpaasUploadElement);
