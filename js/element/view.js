// The element's DOM: built once with createElement/textContent (Trusted Types), then updated from a plain model
// by render(). No state lives here: the element (index.js) owns it and wires the events.

/** Creates an element: `h('div', {class: 'x', part: 'y', hidden: true}, child, 'text')`. */
export function h(tag, props = {}, ...children) {
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

const para = (text, cls) => h('p', { class: cls }, text);
const field = (id, type, extra) => {
  const label = h('label', { for: id });
  const hint = h('span', { class: 'hint', id: id + '-hint' });
  const input = h('input', { id, type, part: 'input', 'aria-describedby': id + '-hint', ...extra });
  return { label, hint, input, el: h('div', { class: 'field', part: 'field' }, label, input, hint) };
};

/** The shadow root's content; each handle is a property (`view.dropzone`, `view.uploadBtn`...). */
export class View {
  constructor(root) {
    this.input = h('input', { type: 'file', hidden: true, tabindex: '-1',
      accept: '.tar,.gz,.tgz,.bz2,.tbz2,.xz,.txz,.zip,application/gzip,application/x-tar,application/zip' });
    this.dropTitle = h('span', { class: 'drop-title', id: 'drop-title' });
    this.dropHint = h('span', { class: 'hint', id: 'drop-hint' });
    // Its name is its visible words (title and hint), as WCAG 2.5.3 asks of a control's label.
    this.dropzone = h('div', { class: 'dropzone', part: 'dropzone', role: 'button', tabindex: '0' },
    h('span', { class: 'icon', 'aria-hidden': 'true' }, '↑'), this.dropTitle, this.dropHint);

    this.badge = h('span', { class: 'badge', 'aria-hidden': 'true' });
    this.fileName = h('span', { class: 'file-name' });
    this.fileMeta = h('span', { class: 'file-meta' });
    this.preflight = h('div', { class: 'preflight', part: 'preflight', hidden: true });
    this.file = h('div', { class: 'file', part: 'file', hidden: true }, this.badge, this.fileName, this.fileMeta, this.preflight);

    this.url = field('package-url', 'url', { autocomplete: 'off', spellcheck: 'false', placeholder: 'https://' });
    this.version = field('version', 'text', { autocomplete: 'off', spellcheck: 'false', placeholder: '1.0.0' });
    this.linkMessage = h('div', { class: 'message invalid', part: 'validation', id: 'link-msg', role: 'alert', hidden: true });
    this.link = h('div', { class: 'stack', hidden: true }, this.url.el, this.version.el, this.linkMessage);

    this.overwrite = h('input', { type: 'checkbox', id: 'overwrite', part: 'checkbox' });
    this.overwriteText = h('span');
    this.overwriteLabel = h('label', { class: 'check', for: 'overwrite' }, this.overwrite, this.overwriteText);

    this.confirm = h('p', { class: 'confirm', part: 'confirm', id: 'confirm', hidden: true });
    this.uploadBtn = h('button', { type: 'button', class: 'primary', part: 'button upload-button' });
    this.replaceBtn = h('button', { type: 'button', part: 'button replace-button', hidden: true });
    this.cancelBtn = h('button', { type: 'button', part: 'button cancel-button', hidden: true });
    this.againBtn = h('button', { type: 'button', part: 'button again-button', hidden: true });
    this.actions = h('div', { class: 'actions' }, this.confirm, this.uploadBtn, this.replaceBtn, this.cancelBtn, this.againBtn);

    this.status = h('span', { class: 'status' });
    this.rate = h('span', { class: 'rate' });
    this.bar = h('div', { class: 'bar', part: 'progress-bar' });
    this.track = h('div', { class: 'track', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100' }, this.bar);
    this.progress = h('div', { class: 'progress', part: 'progress', hidden: true },
      h('div', { class: 'progress-head' }, this.status, this.rate), this.track);

    this.resultTitle = h('h3', {}, h('span', { 'aria-hidden': 'true' }, '✓'), h('span'));
    this.resultList = h('dl');
    this.result = h('section', { class: 'card result', part: 'result', hidden: true, tabindex: '-1' }, this.resultTitle, this.resultList);

    this.errorTitle = h('h3', {}, h('span', { 'aria-hidden': 'true' }, '!'), h('span'));
    this.errorBody = h('div', { class: 'stack tight' });
    this.error = h('section', { class: 'card error', part: 'error', role: 'alert', hidden: true }, this.errorTitle, this.errorBody);

    this.live = h('div', { class: 'sr-only', 'aria-live': 'polite', role: 'status' });
    this.container = h('div', { class: 'container', part: 'container' },
      this.input, this.dropzone, this.file, h('slot', { name: 'preflight' }), this.link, this.overwriteLabel,
      this.progress, this.result, this.error, this.actions, this.live);
    root.append(this.container);
  }

  /** Says `text` through the live region (re-set, so that the same words are read again). */
  announce(text) {
    this.live.textContent = '';
    requestAnimationFrame(() => { this.live.textContent = text; });
  }

  /**
   * Shows the model: `{t, state, link, busy, file, info, maxSize, linkProblem, overwrite, steps, confirming,
   * meter, result, error, onCopy}` (see the element's #model()).
   */
  render(m) {
    const { t, link, busy, file } = m;
    this.container.dataset.state = m.state;
    if (m.overwrite != null) this.overwrite.checked = m.overwrite;

    const dz = this.dropzone;
    dz.hidden = link;
    dz.classList.toggle('compact', !!file);
    dz.setAttribute('aria-disabled', String(busy));
    dz.tabIndex = busy ? -1 : 0;
    if (!dz.classList.contains('over')) this.dropTitle.textContent = t(file ? 'dropChange' : 'dropTitle');
    this.dropHint.textContent = t('dropHint', { max: t.size(m.maxSize) });

    this.file.hidden = link || !file;
    if (file) this.#renderFile(t, file, m.info);
    this.#renderPreflight(t, link || !file ? null : m.info);

    this.link.hidden = !link;
    this.url.label.textContent = t('urlLabel');
    this.url.hint.textContent = t('urlHint');
    this.version.label.textContent = t('versionLabel');
    this.version.hint.textContent = t('versionHint');
    this.url.input.disabled = this.version.input.disabled = busy;
    const lp = link ? m.linkProblem : null;
    this.linkMessage.hidden = !lp;
    this.linkMessage.textContent = lp ? t(lp === 'url' ? 'needUrl' : 'needVersion') : '';
    for (const [name, input] of [['url', this.url.input], ['version', this.version.input]]) {
      input.setAttribute('aria-invalid', String(lp === name));
      if (lp === name) input.setAttribute('aria-errormessage', 'link-msg'); else input.removeAttribute('aria-errormessage');
    }

    this.overwriteText.textContent = t('overwrite');
    this.overwrite.disabled = busy;
    this.#renderActions(m);

    this.progress.hidden = !busy;
    if (busy) this.renderProgress(m);
    this.#renderResult(t, m.result, m.onCopy);
    this.#renderError(t, m.error);
  }

  #renderActions({ t, state, link, busy, file, steps, confirming }) {
    const failed = state === 'error';
    const up = this.uploadBtn;
    // One primary button: upload, or after a failure the step that can succeed, or the confirmation of a replace.
    up.textContent = t(confirming ? 'replaceYes' : failed && steps.retry ? 'retry' : failed && steps.replace ? 'replace'
      : link ? 'uploadLink' : 'upload');
    up.hidden = busy || state === 'success';
    up.disabled = !link && (!file || (failed && !steps.retry && !steps.replace));
    if (confirming) up.setAttribute('aria-describedby', 'confirm'); else up.removeAttribute('aria-describedby');
    this.confirm.hidden = !confirming;
    this.confirm.textContent = t('replaceAsk');
    // The second button: "keep" while confirming, or replace when a retry is offered too.
    this.replaceBtn.hidden = busy || !failed || !(confirming || (steps.retry && steps.replace));
    this.replaceBtn.textContent = t(confirming ? 'replaceNo' : 'replace');
    this.cancelBtn.textContent = t('cancel');
    this.cancelBtn.hidden = !busy;
    this.againBtn.textContent = t('again');
    this.againBtn.hidden = state !== 'success';
  }

  #renderFile(t, file, info) {
    this.fileName.textContent = file.name;
    const parts = [t.size(file.size)];
    // The type is what the inspector read from the content; `undefined` while it reads.
    if (info === undefined) parts.push('…');
    else if (info) parts.push(t('detected', { type: t('types')[info.type] ?? info.type }));
    this.fileMeta.textContent = parts.join(' · ');
    this.fileMeta.title = t('bytes', { n: file.size.toLocaleString() });
    this.badge.textContent = info?.type ? String(info.type).replace('tar.', 't') : '?';
  }

  #renderPreflight(t, info) {
    const box = this.preflight;
    box.hidden = !info;
    box.replaceChildren();
    if (!info) return;
    const facts = [info.type, info.appVersion && t('preflightVersion', { version: info.appVersion }),
      info.specVersion && t('preflightSpec', { spec: info.specVersion })].filter(Boolean);
    box.append(h('span', {}, t('preflight', { details: facts.join(' · ') })));
    // The inspector gives warning codes and English sentences; Chinese has its own words for known codes.
    const words = (info.warnings || []).map((code, i) => t('warnings')[code] || info.messages?.[i] || code);
    if (words.length) box.append(h('ul', {}, ...words.map((w) => h('li', {}, String(w)))));
  }

  /** The progress row alone (called on each progress report). */
  renderProgress({ t, state, link, meter }) {
    const p = meter.last;
    const processing = state === 'processing';
    const pct = processing ? null : meter.percent();
    const track = this.track;
    track.classList.toggle('indeterminate', pct == null);
    track.setAttribute('aria-label', t('progressLabel'));
    this.rate.textContent = '';
    if (pct == null) {
      this.status.textContent = processing ? t(link ? 'processingLink' : 'processing')
        : link ? t('processingLink') : p && !p.lengthComputable ? t('sendingUnknown') : t('sending') + '…';
      track.removeAttribute('aria-valuenow');
      if (processing) track.setAttribute('aria-valuetext', this.status.textContent);
      return;
    }
    this.bar.style.setProperty('--bkpaas-p', pct + '%');
    track.setAttribute('aria-valuenow', String(pct));
    track.setAttribute('aria-valuetext', pct + '%');
    this.status.textContent = `${t('sending')} ${pct}%`;
    const r = meter.rate();
    if (r) this.rate.textContent = `${t('speed', { speed: t.size(r.speed) })} · ${t('left', { time: t.duration(r.left) })}`;
  }

  #renderResult(t, r, onCopy) {
    this.result.hidden = !r;
    if (!r) return;
    this.resultTitle.lastChild.textContent = t('successTitle');
    const none = t('none');
    const row = (label, value, part) => [h('dt', {}, label), h('dd', { part }, value ?? none)];
    const size = h('span', { 'data-field': 'size', title: t('bytes', { n: r.packageSize.toLocaleString() }) }, t.size(r.packageSize));
    let sha = none;
    if (r.sha256Signature) {
      const copy = h('button', { type: 'button', class: 'small', part: 'copy-button' }, t('copy'));
      const value = h('span', { class: 'mono', 'data-field': 'sha256' }, r.sha256Signature);
      copy.addEventListener('click', () => onCopy(copy, value, r.sha256Signature));
      sha = h('span', { class: 'sha' }, value, copy);
    }
    if (r.verified === true) {
      // `verify` proved the stored bytes are the bytes sent: say so next to the hash.
      sha = h('span', { class: 'sha-block' }, sha,
        h('span', { class: 'verified', part: 'verified', 'data-field': 'verified' },
          h('span', { class: 'pill' }, h('span', { class: 'tick', 'aria-hidden': 'true' }, '✓'), h('strong', {}, t('verified'))),
          ' ', h('span', { class: 'why' }, t('verifiedHint'))));
    }
    this.resultList.replaceChildren(
      ...row(t('fVersion'), h('strong', { 'data-field': 'version' }, r.version)),
      ...row(t('fName'), h('span', { class: 'mono', 'data-field': 'package-name' }, r.packageName)),
      ...row(t('fSize'), size),
      ...row(t('fSha'), sha, 'sha256'),
      ...row(t('fCreated'), r.created),
      ...row(t('fUpdated'), r.updated),
      ...row(t('fOperator'), r.operator),
    );
  }

  /** The core's message, then the facts it carries: the server's field messages, body, hashes, code, request id. */
  #renderError(t, e) {
    this.error.hidden = !e;
    if (!e) return;
    const lines = [para(String(e.message || e))];
    const fd = e.fieldsDetail;
    const items = Array.isArray(fd) ? fd.map(String)
      : fd && typeof fd === 'object' ? Object.entries(fd).map(([k, v]) => `${k}: ${[].concat(v).join(' ')}`) : [];
    if (items.length) lines.push(h('ul', {}, ...items.map((m) => h('li', {}, m))));
    if (e.bodyExcerpt) lines.push(h('blockquote', { part: 'excerpt' }, e.bodyExcerpt));
    if (e.localSha256 && e.serverSha256) {
      const hash = (label, value, name) => [h('dt', {}, label), h('dd', { class: 'mono', 'data-field': name }, value)];
      lines.push(h('dl', { class: 'hashes' }, ...hash(t('hashSent'), e.localSha256, 'local-sha256'),
        ...hash(t('hashStored'), e.serverSha256, 'server-sha256')));
    }
    const code = [e.status && `HTTP ${e.status}`, e.code, e.codeName].filter(Boolean).join(' · ');
    if (code && e.kind !== 'integrity') lines.push(para(t('code', { code }), 'meta'));
    if (e.requestId) lines.push(para(t('requestId', { id: e.requestId }), 'meta'));
    this.error.dataset.kind = e.kind || 'unknown';
    this.errorTitle.lastChild.textContent = t('errorTitle');
    this.errorBody.replaceChildren(...lines);
  }
}
