// <bkpaas-upload>: a drop-in upload widget around the core package (`../index.js`, left external so the core
// stays one shared file). This file is its state and events: attributes and properties, picking, uploading,
// cancelling, and what follows a failure. The DOM is view.js, the words texts.js, the progress maths progress.js.
// Checks are not made here: the core refuses bad input before sending (a `validation` UploadError) and the
// optional inspect entry reads a picked file's type and version. Secrets are properties or a callback, never
// attributes; styles are a constructable stylesheet (style-src 'self').
import { uploadFile, uploadLink } from '../index.js';
import { css } from './styles.js';
import { language, locale, translator } from './texts.js';
import { ProgressMeter } from './progress.js';
import { nextStep } from './next-step.js';
import { View } from './view.js';
import { versionFromUrl } from './link.js';

export { versionFromUrl };

// The documented default of `maxSize` (the gateway's 40 MiB body limit), from the rules crate through the build;
// the core applies it when none is set.
const DEFAULT_MAX = __RULES__.defaultMaxSize;
const ATTRS = ['base-url', 'stage', 'app-code', 'module', 'mode', 'allow-overwrite', 'max-size', 'lang', 'verify'];

let sheet = null;
function stylesheet() {
  if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(css); }
  return sheet;
}

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

  #view;
  #file = null;
  /** The picked file's inspection: `undefined` while it runs, `null` when there is none. */
  #info = null;
  #state = 'idle';
  #result = null;
  #error = null;
  /** Whether the failed call asked to replace (an HTML 500 then is not a duplicate). */
  #sentOverwrite = false;
  #confirming = false;
  #controller = null;
  #meter = new ProgressMeter();
  #pick = 0;
  #overwriteTouched = false;
  #versionTyped = false;
  #showLinkProblem = false;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open', delegatesFocus: false });
    root.adoptedStyleSheets = [stylesheet()];
    this.#view = new View(root);
    this.#listen();
  }

  connectedCallback() { this.#render(); }
  attributeChangedCallback() { if (this.#view) this.#render(); }

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
  get packageUrl() { return this.#view.url.input.value; }
  set packageUrl(v) { this.#view.url.input.value = v ?? ''; this.#linkEdited(); }
  /** Link mode: the version field's value. */
  get version() { return this.#view.version.input.value; }
  set version(v) { this.#view.version.input.value = v ?? ''; this.#versionEdited(); }

  /** `idle`, `ready`, `sending`, `processing`, `success` or `error`. */
  get state() { return this.#state; }
  get file() { return this.#file; }
  get result() { return this.#result; }
  get error() { return this.#error; }

  #t() { return translator(language(this)); }

  #listen() {
    const v = this.#view;
    // Picking: click, Enter/Space, drag and drop.
    const choose = () => { if (!this.#busy()) v.input.click(); };
    v.dropzone.addEventListener('click', choose);
    v.dropzone.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); choose(); }
    });
    v.input.addEventListener('change', () => { if (v.input.files[0]) this.setFile(v.input.files[0]); v.input.value = ''; });
    v.dropzone.addEventListener('dragover', (e) => {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = this.#busy() ? 'none' : 'copy';
      if (!this.#busy()) { v.dropzone.classList.add('over'); v.dropTitle.textContent = this.#t()('dropActive'); }
    });
    const leave = () => { v.dropzone.classList.remove('over'); this.#render(); };
    v.dropzone.addEventListener('dragleave', (e) => { if (!v.dropzone.contains(e.relatedTarget)) leave(); });
    v.dropzone.addEventListener('drop', (e) => {
      e.preventDefault();
      leave();
      const f = e.dataTransfer?.files?.[0];
      if (f && !this.#busy()) this.setFile(f);
    });

    v.url.input.addEventListener('input', () => this.#linkEdited());
    v.version.input.addEventListener('input', () => this.#versionEdited());
    v.overwrite.addEventListener('change', () => { this.#overwriteTouched = true; });
    v.uploadBtn.addEventListener('click', () => this.#primary());
    v.replaceBtn.addEventListener('click', () => {
      if (this.#confirming) { this.#confirming = false; this.#render(); } else this.#askReplace();
    });
    v.cancelBtn.addEventListener('click', () => this.cancel());
    v.againBtn.addEventListener('click', () => { this.reset(); (this.mode === 'file' ? v.dropzone : v.url.input).focus(); });
  }

  /** Link mode: the version field follows the link's file name until the user types in it. */
  #linkEdited() {
    if (!this.#versionTyped) this.#view.version.input.value = versionFromUrl(this.#view.url.input.value);
    this.#clearOutcome();
    this.#render();
  }

  #versionEdited() {
    // Once the user types a version it is theirs; emptied, the link's version may fill it again.
    this.#versionTyped = !!this.#view.version.input.value;
    this.#clearOutcome();
    this.#render();
  }

  #busy() { return this.#state === 'sending' || this.#state === 'processing'; }

  #clearOutcome() {
    if (this.#state === 'success' || this.#state === 'error') {
      this.#state = this.#file || this.mode === 'link' ? 'ready' : 'idle';
      this.#result = null;
      this.#error = null;
      this.#confirming = false;
    }
  }

  /** Selects a file to upload (also what a pick or a drop does) and inspects it at once; nothing is sent yet. */
  async setFile(file) {
    if (this.#busy()) return;
    const pick = ++this.#pick;
    this.#file = file || null;
    this.#result = null;
    this.#error = null;
    this.#confirming = false;
    this.#state = file ? 'ready' : 'idle';
    const inspector = file && this.inspector !== false
      ? (typeof this.inspector === 'function' ? Promise.resolve(this.inspector) : loadInspector())
      : null;
    this.#info = inspector ? undefined : null;
    this.#render();
    if (!file) return;
    const t = this.#t();
    this.#announce(t('aFile', { name: file.name, size: t.size(file.size) }));
    let info = null;
    try {
      const inspect = await inspector;
      info = inspect ? await inspect(file) : null;
    } catch { /* pre-flight is advisory: the core and the server have the last word */ }
    if (pick !== this.#pick) return;
    this.#info = info || null;
    this.#render();
  }

  /** Shows pre-flight facts about the picked file (what `inspector` returns); `null` hides them. */
  showPreflight(info) { this.#info = info || null; this.#render(); }

  /** Starts the upload with the current file or link. Resolves to the stored package, or `null` on failure/cancel. */
  upload() { return this.#send(this.#view.overwrite.checked); }

  /** The primary button: upload, retry, replace (asked first), or the replace once confirmed. */
  #primary() {
    if (this.#confirming) { this.#confirming = false; this.#send(true); return; }
    const steps = this.#steps();
    if (this.#state === 'error' && !steps.retry && steps.replace) this.#askReplace();
    else this.upload();
  }

  /** Replacing the stored package needs a yes: the ticked "replace" box is one, else the element asks. */
  #askReplace() {
    if (this.#view.overwrite.checked) { this.#send(true); return; }
    this.#confirming = true;
    this.#render();
    this.#view.uploadBtn.focus();
    this.#announce(this.#t()('replaceAsk'));
  }

  #steps() { return this.#error ? nextStep(this.#error, this.#sentOverwrite) : { retry: true, replace: false }; }

  async #send(overwrite) {
    if (this.#busy()) return null;
    const link = this.mode === 'link';
    if (!link && !this.#file) { this.#render(); return null; }
    if (link && this.#linkProblem()) { this.#showLinkProblem = true; this.#render(); return null; }
    const controller = new AbortController();
    const lang = language(this);
    this.#controller = controller;
    this.#result = null;
    this.#error = null;
    this.#confirming = false;
    this.#sentOverwrite = overwrite;
    this.#meter.reset();
    this.#state = 'sending';
    this.#render();
    try {
      const auth = await this.#auth();
      const opts = {
        ...this.options,
        ...auth,
        baseUrl: this.baseUrl || new URL('/api/bkpaas3', location.href).href,
        appCode: this.appCode,
        allowOverwrite: overwrite,
        // The core words its errors in the element's language.
        locale: locale(lang),
        signal: controller.signal,
        onProgress: (p) => this.#onProgress(p),
      };
      if (this.stage) opts.stage = this.stage;
      if (this.module) opts.module = this.module;
      if (this.hasAttribute('max-size')) opts.maxSize = this.maxSize;
      const v = this.#view;
      const pkg = link
        ? await uploadLink({ ...opts, packageUrl: v.url.input.value.trim(), version: v.version.input.value.trim() })
        : await uploadFile({ ...opts, file: this.#file, verify: this.verify });
      if (this.#controller !== controller) return null;
      this.#controller = null;
      this.#result = pkg;
      this.#state = 'success';
      this.#render();
      this.#announce(this.#t()('aSuccess', { version: pkg.version }));
      this.#emit('bkpaas-success', pkg);
      return pkg;
    } catch (err) {
      if (this.#controller !== controller) return null;
      this.#controller = null;
      if (err?.kind === 'aborted' || controller.signal.aborted) {
        this.#state = this.#file || link ? 'ready' : 'idle';
        this.#render();
        this.#announce(this.#t()('cancelled'));
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
    this.#info = null;
    this.#result = null;
    this.#error = null;
    this.#confirming = false;
    this.#showLinkProblem = false;
    this.#view.url.input.value = '';
    this.#view.version.input.value = '';
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

  /** Link mode's required fields (what a URL may be is the core's check). */
  #linkProblem() {
    if (!this.#view.url.input.value.trim()) return 'url';
    if (!this.#view.version.input.value.trim()) return 'version';
    return null;
  }

  #onProgress(p) {
    if (!this.#controller) return;
    const t = this.#t();
    if (p.phase === 'processing' && this.#state !== 'processing') {
      this.#state = 'processing';
      this.#announce(t('aProcessing'));
    }
    const pct = this.#meter.add(p, performance.now());
    if (pct != null) this.#announce(t('aProgress', { pct: pct + '%' }));
    this.#view.renderProgress(this.#model(t));
    this.#emit('bkpaas-progress', p);
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #announce(text) { this.#view.announce(text); }

  async #copy(button, value, text) {
    const t = this.#t();
    try { await navigator.clipboard.writeText(text); } catch {
      const sel = getSelection(); const range = document.createRange();
      range.selectNodeContents(value); sel.removeAllRanges(); sel.addRange(range);
    }
    button.textContent = t('copied');
    this.#announce(t('copied'));
    setTimeout(() => { button.textContent = this.#t()('copy'); }, 1500);
  }

  #model(t) {
    const link = this.mode === 'link';
    return {
      t, link, state: this.#state, busy: this.#busy(), file: this.#file, info: this.#info, maxSize: this.maxSize,
      linkProblem: link && this.#showLinkProblem ? this.#linkProblem() : null,
      overwrite: this.#overwriteTouched ? null : this.allowOverwrite,
      steps: this.#steps(), confirming: this.#confirming, meter: this.#meter,
      result: this.#result, error: this.#error, onCopy: (b, v, s) => this.#copy(b, v, s),
    };
  }

  #render() { this.#view.render(this.#model(this.#t())); }
}

if (!customElements.get('bkpaas-upload')) customElements.define('bkpaas-upload', BkpaasUploadElement);
