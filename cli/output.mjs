// What the command prints, in three styles: a live progress line on a terminal, one plain line per phase in a CI
// log, and JSON only (--json). Every byte goes through `redact`: whatever a message holds, a credential the
// command knows never reaches the screen or a log.
import { Speed } from './meter.mjs';

/** Binary units, one decimal: 1.5 MiB. */
export function formatBytes(n) {
  if (!Number.isFinite(n)) return '?';
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  for (; v >= 1024 && i < units.length - 1; i++) v /= 1024;
  return `${v.toFixed(1)} ${units[i]}`;
}

/** 75 -> `1:15`, 3700 -> `1:01:40`. */
export function formatDuration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const two = (x) => String(x).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(r)}` : `${m}:${two(r)}`;
}

/** Replaces every known secret by [redacted]; longest first, so a secret inside another is not half-shown. */
export function redactor(secrets) {
  const list = () => [...secrets].filter((s) => s && s.length >= 1).sort((a, b) => b.length - a.length);
  return (text) => list().reduce((out, s) => out.split(s).join('[redacted]'), String(text));
}

const FIELDS = ['kind', 'status', 'code', 'codeName', 'option', 'requestId', 'attempts'];

/** The stored package as `label  value` rows. */
export function packageTable(pkg, t) {
  const rows = [
    ['version', pkg.version],
    ['packageName', pkg.packageName],
    ['packageSize', `${formatBytes(pkg.packageSize)} (${pkg.packageSize} B)`],
    ['sha256Signature', pkg.sha256Signature ?? '-'],
    ...(pkg.verified === undefined ? [] : [['verified', pkg.verified ? t.yes : t.no]]),
    ['created', pkg.created],
    ['updated', pkg.updated],
    ['operator', pkg.operator ?? '-'],
    ['id', pkg.id ?? '-'],
  ].map(([k, v]) => [t.table[k], String(v)]);
  const width = Math.max(...rows.map(([l]) => displayWidth(l)));
  return rows.map(([l, v]) => `  ${l}${' '.repeat(width - displayWidth(l))}  ${v}`).join('\n');
}

// CJK characters take two columns on a terminal.
const displayWidth = (s) => [...s].reduce((w, c) => w + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);

/** The error as lines: its message, then its fields on one line, then a hint when one helps. */
export function errorLines(error, t) {
  const lines = [`${t.error}${error.message}`];
  const facts = FIELDS.filter((k) => error[k] != null && !(k === 'attempts' && error[k] <= 1))
    .map((k) => (k === 'requestId' ? `${t.requestId} ${error[k]}` : k === 'option' ? `${t.option} ${t.hintOptions[error[k]] || error[k]}` : `${k} ${error[k]}`));
  if (facts.length) lines.push('  ' + facts.join(', '));
  if (error.fieldsDetail && typeof error.fieldsDetail === 'object') {
    const entries = Array.isArray(error.fieldsDetail) ? error.fieldsDetail.map((m) => ['', m]) : Object.entries(error.fieldsDetail);
    for (const [field, msgs] of entries) lines.push(`  ${field ? field + ': ' : ''}${[].concat(msgs).join(' ')}`);
  }
  if (error.code === 'PACKAGE_ALREADY_EXISTS') lines.push('  ' + t.hintOverwrite);
  return lines;
}

/** The fields of an UploadError (or any error) for --json. */
export const errorJson = (e) => ({
  name: e.name, message: e.message,
  ...Object.fromEntries(Object.keys(e).filter((k) => k !== 'cause' && k !== 'stack').map((k) => [k, e[k]])),
});

/**
 * @param {{stdout, stderr, t, mode: 'tty'|'plain'|'json', verbose: boolean, secrets: Set<string>}} io
 * Reporter events: preflight, warn, verbose, start, progress, sent, retry, done, fail.
 */
export function createReporter({ stdout, stderr, t, mode, verbose, secrets, now = () => Date.now() }) {
  const redact = redactor(secrets);
  const write = (stream, text) => stream.write(redact(text));
  // Redacted per string too: JSON escaping could otherwise hide a secret holding a quote from `redact`.
  const jsonOf = (value) => JSON.stringify(value, (k, v) => (typeof v === 'string' ? redact(v) : v), 2) + '\n';
  const line = (text) => write(stderr, text + '\n');
  const quiet = mode === 'json';
  let live = ''; // the progress line on screen (tty), to clear before other output
  let timer = null;
  let started = 0;
  let sentAt = 0;
  let isLink = false;
  const clear = () => { if (live) { write(stderr, '\r\x1b[K'); live = ''; } };
  const say = (text) => { clear(); line(text); };
  const show = (text) => {
    const cols = stderr.columns || 100;
    live = text.length >= cols ? text.slice(0, cols - 1) : text;
    write(stderr, '\r\x1b[K' + live);
  };
  const stopTimer = () => { if (timer) { clearInterval(timer); timer = null; } };

  return {
    redact,
    preflight: (info) => { if (!quiet) say(t.preflight(info)); },
    warn: (text) => say(t.warning(text)),
    verbose: (text) => { if (verbose) say(text); },
    usage: (text) => { say(`${t.error}${text}`); },
    help: (text) => write(stdout, text + '\n'),
    /** The request is on its way; `read()` gives {loaded, total, sent} or null (no byte counts here). */
    start({ what, size, link, read }) {
      started = now();
      isLink = link;
      if (quiet) return;
      if (link) say(t.linking(what));
      else if (mode === 'plain' || !read) say(t.sending(what, size != null ? formatBytes(size) : null));
      if (mode !== 'tty') return;
      const speed = new Speed();
      const draw = () => {
        const elapsed = (from) => formatDuration((now() - from) / 1000);
        const p = !link && read && read();
        if (link || sentAt || (p && p.sent)) return show(`${t.processing} … ${elapsed(sentAt || started)}`);
        // No byte counts (yet, or at all outside Node): what is sent, and for how long.
        if (!p) return show(`${t.sending(what, size != null ? formatBytes(size) : null)} … ${elapsed(started)}`);
        speed.add(now(), p.loaded);
        const bps = speed.get();
        const pct = p.total ? Math.floor((p.loaded * 100) / p.total) : 0;
        const rate = bps > 0 ? `  ${formatBytes(Math.round(bps))}/s, ${formatDuration((p.total - p.loaded) / bps)} ${t.left}` : '';
        show(`${what}  ${formatBytes(p.loaded)} / ${formatBytes(p.total)}  ${pct}%${rate}`);
      };
      draw();
      timer = setInterval(draw, 200);
      timer.unref?.();
    },
    retry: (n) => { if (!quiet) say(t.retrying(n)); },
    sent(total) {
      if (sentAt) return;
      sentAt = now();
      if (mode === 'plain' && !isLink) say(t.sent(formatBytes(total), `${((sentAt - started) / 1000).toFixed(1)} s`));
    },
    done(pkg) {
      stopTimer();
      clear();
      if (quiet) return write(stdout, jsonOf(pkg));
      line(t.stored(pkg.version, pkg.packageName));
      write(stdout, packageTable(pkg, t) + '\n');
    },
    fail(error) {
      stopTimer();
      clear();
      if (quiet) return write(stdout, jsonOf(errorJson(error)));
      for (const l of errorLines(error, t)) line(l);
    },
    aborted() { stopTimer(); if (!quiet) say(t.aborted); },
    close: stopTimer,
  };
}
