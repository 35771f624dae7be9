// Short names for a wasm-bindgen module's imports and internal exports, renamed in the wasm and its glue together.
// wasm-bindgen names each import after its function plus a hash (`__wbg_setTimeout_0b1a5e...`): incompressible bytes,
// once in the wasm and once in the glue. The build fails unless every name maps one to one: each wasm import has
// exactly one definition in the glue, and every `wasm.X` the glue reads is an export of the module.
//   renameWasm(wasmPath, gluePath, { keep: ['uploadFile', 'uploadLink'] }) -> { imports, exports } (counts)

import { readFileSync, writeFileSync } from 'node:fs';

const leb = (bytes, at) => {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
};
const putLeb = (n) => {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const MODULE_NAMES = 'abcdefghij';
const utf8 = new TextEncoder();
const text = new TextDecoder();
const readName = (bytes, at) => {
  const [len, start] = leb(bytes, at);
  return [text.decode(bytes.subarray(start, start + len)), start + len];
};
const name = (s) => {
  const b = utf8.encode(s);
  return [...putLeb(b.length), ...b];
};

/** Short identifiers: a..z, A..Z, then two letters, skipping those to keep. */
function* shortNames(keep) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (let len = 1; ; len++) {
    const idx = new Array(len).fill(0);
    for (;;) {
      const n = idx.map((i) => letters[i]).join('');
      if (!keep.has(n)) yield n;
      let k = len - 1;
      while (k >= 0 && ++idx[k] === letters.length) idx[k--] = 0;
      if (k < 0) break;
    }
  }
}

/** Skips an import's description (function, table, memory, global, tag); returns the offset after it. */
function skipDesc(bytes, at) {
  const kind = bytes[at++];
  const limits = (p) => {
    const flags = bytes[p++];
    [, p] = leb(bytes, p);
    if (flags & 1) [, p] = leb(bytes, p);
    return p;
  };
  if (kind === 0) return leb(bytes, at)[1];
  if (kind === 1) return limits(at + 1);
  if (kind === 2) return limits(at);
  if (kind === 3) return at + 2;
  if (kind === 4) return leb(bytes, at + 1)[1];
  throw new Error(`wasm-names: unknown import kind ${kind}`);
}

export function renameWasm(wasmPath, gluePath, { keep = [] } = {}) {
  const bytes = new Uint8Array(readFileSync(wasmPath));
  let glue = readFileSync(gluePath, 'utf8');
  const kept = new Set(keep);
  const names = shortNames(kept);
  const importMap = new Map();
  const exportMap = new Map();
  const modules = new Map();
  const out = [...bytes.subarray(0, 8)];
  for (let at = 8; at < bytes.length;) {
    const id = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    const end = start + size;
    if (id !== 2 && id !== 7) {
      out.push(...bytes.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = leb(bytes, start);
    const body = [...putLeb(count)];
    for (let i = 0; i < count; i++) {
      if (id === 2) {
        let mod, field;
        [mod, p] = readName(bytes, p);
        [field, p] = readName(bytes, p);
        const descEnd = skipDesc(bytes, p);
        // The glue's own module gets short field names; a snippet module (`module = "/js/..."`) is imported as is,
        // so its fields are its export names: only the module's name is shortened.
        if (!modules.has(mod)) modules.set(mod, MODULE_NAMES[modules.size]);
        const main = mod.endsWith('_bg.js');
        if (main) {
          if (importMap.has(field)) throw new Error(`wasm-names: import ${field} twice`);
          importMap.set(field, names.next().value);
        }
        body.push(...name(modules.get(mod)), ...name(main ? importMap.get(field) : field), ...bytes.subarray(p, descEnd));
        p = descEnd;
      } else {
        let field;
        [field, p] = readName(bytes, p);
        const kind = bytes[p];
        const [, idxEnd] = leb(bytes, p + 1);
        const short = kept.has(field) ? field : names.next().value;
        exportMap.set(field, short);
        body.push(...name(short), ...bytes.subarray(p, idxEnd));
        p = idxEnd;
      }
    }
    if (p !== end) throw new Error(`wasm-names: section ${id} not read to its end`);
    out.push(id, ...putLeb(body.length), ...body);
    at = end;
  }
  if ([...modules.keys()].filter((m) => m.endsWith('_bg.js')).length !== 1) {
    throw new Error(`wasm-names: expected one glue module among the imports, found ${[...modules.keys()].join(', ')}`);
  }

  // The glue: one `name: function` definition per import, inside the import object for `mod`.
  const defined = [...glue.matchAll(/^ {8}([A-Za-z0-9_$]+): function\(/gm)].map((m) => m[1]);
  const missing = [...importMap.keys()].filter((n) => !defined.includes(n));
  const extra = defined.filter((n) => !importMap.has(n));
  if (missing.length || extra.length || defined.length !== importMap.size) {
    throw new Error(`wasm-names: imports and glue differ: missing in glue ${missing}, not imported ${extra}`);
  }
  for (const [from, to] of importMap) glue = glue.replace(new RegExp(`^( {8})${from.replace(/\$/g, '\\$')}(: function\\()`, 'm'), `$1${to}$2`);
  for (const [mod, short] of modules) {
    const key = new RegExp(`^ {8}${JSON.stringify(mod).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: (import\\d+),$`, 'm');
    if (!key.test(glue)) throw new Error(`wasm-names: the glue's import object for ${mod} not found`);
    glue = glue.replace(key, `        ${short}: $1,`);
  }
  const used = new Set([...glue.matchAll(/\bwasm\.([A-Za-z0-9_$]+)/g)].map((m) => m[1]));
  for (const u of used) {
    if (!exportMap.has(u)) throw new Error(`wasm-names: the glue reads wasm.${u}, which the module does not export`);
  }
  glue = glue.replace(/\bwasm\.([A-Za-z0-9_$]+)/g, (_, n) => `wasm.${exportMap.get(n)}`);
  const shorts = [...importMap.values(), ...exportMap.values()];
  if (new Set([...importMap.values()]).size !== importMap.size || new Set([...exportMap.values()]).size !== exportMap.size) {
    throw new Error('wasm-names: a short name was given twice');
  }
  writeFileSync(wasmPath, Uint8Array.from(out));
  writeFileSync(gluePath, glue);
  return { imports: importMap.size, exports: exportMap.size, names: shorts.length };
}

/** The glue without wasm-bindgen's own loader: the package's loader (js/loader.js) instantiates it. */
export function exposeInstantiation(gluePath) {
  const glue = readFileSync(gluePath, 'utf8');
  const tail = 'export { initSync, __wbg_init as default };';
  if (!glue.includes(tail)) throw new Error(`wasm-names: ${gluePath} does not end as wasm-bindgen ${tail}`);
  writeFileSync(gluePath, glue.replace(tail, 'export { __wbg_get_imports as imports, __wbg_finalize_init as finish };'));
}
