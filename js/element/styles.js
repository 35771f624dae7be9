// The element's stylesheet, adopted into its shadow root as a constructable stylesheet: allowed under
// `style-src 'self'` (no inline <style>, no style attributes). Pages theme it through the --bkpaas-* properties
// and the ::part() names listed in index.d.ts. The default colours meet WCAG 2.1 AA contrast in both schemes
// (checked by axe-core in tests/browser/a11y.test.mjs): text on the accent, the accent, success and danger as text.
export const css = `
:host {
  --_accent: var(--bkpaas-accent, #2d67c7);
  --_accent-fg: var(--bkpaas-accent-contrast, #fff);
  --_bg: var(--bkpaas-bg, #fff);
  --_fg: var(--bkpaas-fg, #1f2329);
  --_muted: var(--bkpaas-muted, #63656e);
  --_border: var(--bkpaas-border, #dcdee5);
  --_soft: var(--bkpaas-soft, #f5f7fa);
  --_danger: var(--bkpaas-danger, #c0282f);
  --_danger-soft: var(--bkpaas-danger-soft, #fff1f1);
  --_success: var(--bkpaas-success, #1b7340);
  --_success-soft: var(--bkpaas-success-soft, #effaf3);
  --_radius: var(--bkpaas-radius, 10px);
  display: block;
  color: var(--_fg);
  font: 14px/1.5 var(--bkpaas-font, system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif);
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :host {
    --_accent: var(--bkpaas-accent, #5b9bff);
    --_accent-fg: var(--bkpaas-accent-contrast, #0b1220);
    --_bg: var(--bkpaas-bg, #1c1f26);
    --_fg: var(--bkpaas-fg, #e6e8ee);
    --_muted: var(--bkpaas-muted, #a0a6b4);
    --_border: var(--bkpaas-border, #343a46);
    --_soft: var(--bkpaas-soft, #242833);
    --_danger: var(--bkpaas-danger, #ff7b7f);
    --_danger-soft: var(--bkpaas-danger-soft, #3a2225);
    --_success: var(--bkpaas-success, #5fd08f);
    --_success-soft: var(--bkpaas-success-soft, #1d3327);
  }
}
:host([hidden]) { display: none; }
[hidden] { display: none !important; }
* { box-sizing: border-box; }
.container {
  background: var(--_bg);
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
  padding: 20px;
  display: grid;
  gap: 16px;
}
.dropzone {
  border: 2px dashed var(--_border);
  border-radius: var(--_radius);
  background: var(--_soft);
  padding: 28px 16px;
  text-align: center;
  cursor: pointer;
  transition: border-color .15s, background .15s;
  display: grid;
  justify-items: center;
  gap: 6px;
}
.dropzone.compact { grid-template-columns: auto 1fr; justify-items: start; text-align: left; padding: 12px 16px; gap: 0 12px; }
.dropzone.compact .icon { grid-row: span 2; width: 32px; height: 32px; font-size: 18px; }
.dropzone.compact .drop-title { font-size: 14px; }
.dropzone:hover, .dropzone.over { border-color: var(--_accent); }
.dropzone.over { background: color-mix(in srgb, var(--_accent) 10%, var(--_soft)); }
.dropzone:focus-visible { outline: 3px solid color-mix(in srgb, var(--_accent) 55%, transparent); outline-offset: 2px; border-color: var(--_accent); }
.dropzone[aria-disabled="true"] { cursor: default; opacity: .6; }
.icon {
  width: 40px; height: 40px; border-radius: 50%;
  display: grid; place-items: center;
  background: color-mix(in srgb, var(--_accent) 14%, transparent);
  color: var(--_accent);
  font-size: 22px; font-weight: 600; line-height: 1;
}
.drop-title { font-weight: 600; font-size: 15px; }
.hint { color: var(--_muted); font-size: 13px; }
.file {
  display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; align-items: center;
  padding: 12px 14px; border: 1px solid var(--_border); border-radius: var(--_radius);
}
.file .badge { grid-row: span 2; }
.badge {
  min-width: 44px; padding: 6px 8px; border-radius: 6px; text-align: center;
  background: color-mix(in srgb, var(--_accent) 10%, transparent); color: var(--_accent);
  font: 600 12px/1.2 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; text-transform: uppercase;
}
.file-name { font-weight: 600; overflow-wrap: anywhere; }
.file-meta { color: var(--_muted); font-size: 13px; }
.preflight { grid-column: 2; font-size: 13px; color: var(--_muted); }
.preflight ul { margin: 4px 0 0; padding-left: 18px; color: var(--_fg); }
.message { padding: 10px 12px; border-radius: 8px; font-size: 13px; }
.message.invalid { background: var(--_danger-soft); color: var(--_danger); }
.stack { display: grid; gap: 12px; }
.stack.tight { gap: 8px; }
.field { display: grid; gap: 4px; }
.field label { font-weight: 600; font-size: 13px; }
.field input {
  font: inherit; color: inherit; background: var(--_bg);
  border: 1px solid var(--_border); border-radius: 8px; padding: 8px 10px; width: 100%;
}
.field input:focus-visible { outline: 2px solid var(--_accent); outline-offset: 0; border-color: var(--_accent); }
.field input[aria-invalid="true"] { border-color: var(--_danger); }
.check { display: flex; gap: 8px; align-items: flex-start; font-size: 13px; cursor: pointer; }
.check input { margin: 3px 0 0; accent-color: var(--_accent); width: 16px; height: 16px; flex: none; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.confirm { flex-basis: 100%; margin: 0; font-size: 13px; font-weight: 600; }
button {
  font: inherit; font-weight: 600; cursor: pointer; border-radius: 8px; padding: 8px 18px;
  border: 1px solid var(--_border); background: var(--_bg); color: var(--_fg);
}
button:hover:not(:disabled) { border-color: var(--_accent); color: var(--_accent); }
button:focus-visible { outline: 3px solid color-mix(in srgb, var(--_accent) 55%, transparent); outline-offset: 1px; }
button:disabled { cursor: not-allowed; opacity: .5; }
button.primary { background: var(--_accent); border-color: var(--_accent); color: var(--_accent-fg); }
button.primary:hover:not(:disabled) { color: var(--_accent-fg); filter: brightness(1.08); }
button.small { padding: 2px 10px; font-size: 12px; font-weight: 500; }
.progress { display: grid; gap: 6px; }
.progress-head { display: flex; justify-content: space-between; gap: 12px; font-size: 13px; flex-wrap: wrap; }
.progress-head .status { font-weight: 600; }
.progress-head .rate { color: var(--_muted); font-variant-numeric: tabular-nums; }
.track { height: 8px; border-radius: 4px; background: var(--_soft); overflow: hidden; border: 1px solid var(--_border); }
.bar { height: 100%; width: var(--bkpaas-p, 0%); background: var(--_accent); border-radius: 4px; transition: width .2s; }
.track.indeterminate .bar { width: 35%; animation: slide 1.2s ease-in-out infinite; }
@keyframes slide { from { transform: translateX(-100%); } to { transform: translateX(290%); } }
@media (prefers-reduced-motion: reduce) { .track.indeterminate .bar { animation: none; width: 100%; opacity: .5; } }
.card { border-radius: var(--_radius); padding: 14px 16px; display: grid; gap: 10px; }
.card h3 { margin: 0; font-size: 15px; display: flex; gap: 8px; align-items: center; }
.result { background: var(--_success-soft); border: 1px solid color-mix(in srgb, var(--_success) 40%, transparent); }
.result h3 { color: var(--_success); }
.result dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; font-size: 13px; }
.result dt { color: var(--_muted); }
.result dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.sha { display: flex; gap: 8px; align-items: flex-start; }
.sha .mono { flex: 1; min-width: 0; word-break: break-all; }
.sha-block { display: grid; gap: 6px; }
.verified { font-size: 12px; line-height: 22px; }
.verified .pill {
  display: inline-flex; align-items: center; gap: 5px; padding: 0 8px 0 3px; border-radius: 999px; vertical-align: top;
  color: var(--_success); background: color-mix(in srgb, var(--_success) 12%, transparent);
  border: 1px solid color-mix(in srgb, var(--_success) 35%, transparent); line-height: 20px;
}
.verified .tick {
  width: 16px; height: 16px; border-radius: 50%; display: inline-grid; place-items: center;
  background: var(--_success); color: var(--_bg); font-size: 10px; line-height: 1; flex: none;
}
.verified .why { color: var(--_muted); }
.error .hashes { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; font-size: 13px; }
.error .hashes dt { color: var(--_muted); }
.error .hashes dd { margin: 0; min-width: 0; word-break: break-all; }
.error { background: var(--_danger-soft); border: 1px solid color-mix(in srgb, var(--_danger) 40%, transparent); }
.error h3 { color: var(--_danger); }
.error p { margin: 0; font-size: 13px; }
.error ul { margin: 0; padding-left: 18px; font-size: 13px; }
.error blockquote {
  margin: 0; padding: 6px 10px; border-left: 3px solid color-mix(in srgb, var(--_danger) 50%, transparent);
  background: var(--_bg); border-radius: 0 6px 6px 0; font-size: 13px; overflow-wrap: anywhere;
}
.card h3 > span:first-child {
  width: 20px; height: 20px; border-radius: 50%; display: inline-grid; place-items: center; flex: none;
  font-size: 12px; color: var(--_bg);
}
.result h3 > span:first-child { background: var(--_success); }
.error h3 > span:first-child { background: var(--_danger); }
.error .meta { color: var(--_muted); font-size: 12px; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media (max-width: 480px) {
  .container { padding: 14px; }
  .result dl { grid-template-columns: 1fr; gap: 0; }
  .result dd { margin-bottom: 6px; }
  .error .hashes { grid-template-columns: 1fr; gap: 0; }
  .error .hashes dd { margin-bottom: 4px; }
}
`;
