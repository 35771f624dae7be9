// What an engine's XMLHttpRequest tells a page during an upload to the emulator: every event of the request and of
// xhr.upload, with its time since send(), loaded/total/lengthComputable, and readyState/status/body length.
// Used by xhr-signals.test.mjs, and by hand: `await probeXhr({base, size, fault})` in a page served from here.

/** A valid ustar archive with one member of `memberLen` zero bytes (the emulator checks archives). */
function tar(memberLen) {
  const h = new Uint8Array(512);
  const put = (off, s) => { for (let i = 0; i < s.length; i++) h[off + i] = s.charCodeAt(i); };
  put(0, 'data.bin'); put(100, '0000644'); put(108, '0000000'); put(116, '0000000');
  put(124, memberLen.toString(8).padStart(11, '0')); put(136, '00000000000'); put(156, '0');
  put(257, 'ustar\0'); put(263, '00');
  h.fill(32, 148, 156);
  put(148, h.reduce((a, b) => a + b, 0).toString(8).padStart(6, '0') + '\0 ');
  return new File([h, new Uint8Array(Math.ceil(memberLen / 512) * 512 + 1024)], 'a-1.tar');
}

window.probeXhr = ({ base, size = 1, fault = '', timeoutMs = 20000 }) => new Promise((resolve) => {
  const app = 'probe-' + Math.floor(Math.random() * 1e9);
  const body = new FormData();
  body.append('package', tar(size));
  const x = new XMLHttpRequest();
  const log = [];
  let t0 = performance.now();
  const rec = (who) => (e) => {
    const r = { t: Math.round(performance.now() - t0), ev: who + e.type };
    if ('loaded' in e) Object.assign(r, { loaded: e.loaded, total: e.total, lengthComputable: e.lengthComputable });
    if (who === '') Object.assign(r, { readyState: x.readyState, status: x.status, bodyLength: x.responseText.length });
    log.push(r);
    if (e.type === 'loadend' && who === '') { clearTimeout(guard); resolve({ log, body: x.responseText }); }
  };
  for (const ev of ['loadstart', 'progress', 'load', 'error', 'abort', 'timeout', 'loadend']) x.upload.addEventListener(ev, rec('upload.'));
  for (const ev of ['loadstart', 'readystatechange', 'progress', 'load', 'error', 'abort', 'timeout', 'loadend']) x.addEventListener(ev, rec(''));
  const guard = setTimeout(() => { x.abort(); resolve({ log, body: null, timedOut: true }); }, timeoutMs);
  x.open('POST', `${base}/prod/bkapps/applications/${app}/modules/default/source_package/`);
  x.setRequestHeader('X-Bkapi-Authorization', '{"access_token": "dev-token"}');
  if (fault) x.setRequestHeader('X-Emulator-Fault', fault);
  t0 = performance.now();
  x.send(body);
});
