// The shipped core's size: pkg/bkpaas_upload_bg.wasm + pkg/index.js (already minified), gzip -9 and brotli.
//   node scripts/size.mjs           print
//   node scripts/size.mjs --check   fail when the core grew more than 3% past size-budget.json (run by npm test)
//   node scripts/size.mjs --record  lower the budget to the current size (it only ever goes down)
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const budgetFile = join(root, 'size-budget.json');
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

export function measure(files) {
  const parts = files.map((f) => readFileSync(join(root, f)));
  return {
    raw: parts.reduce((n, b) => n + b.length, 0),
    gzip: parts.reduce((n, b) => n + gz(b), 0),
    brotli: parts.reduce((n, b) => n + br(b), 0),
  };
}

export const coreFiles = ['pkg/bkpaas_upload_bg.wasm', 'pkg/index.js'];

if (import.meta.url === `file://${process.argv[1]}`) {
  const now = measure(coreFiles);
  const budget = JSON.parse(readFileSync(budgetFile, 'utf8'));
  console.log(`core: ${now.raw} B raw, ${now.gzip} B gzip -9, ${now.brotli} B brotli; budget ${budget.coreGzip} B gzip (+3% allowed)`);
  if (process.argv.includes('--check') && now.gzip > budget.coreGzip * 1.03) {
    console.error(`size budget exceeded: the core is ${now.gzip} B gzip, more than 3% over the last measured ${budget.coreGzip} B.`);
    console.error('Find what grew with `twiggy top` (see BENCHMARKS.md) and cut it, or justify the bytes.');
    process.exit(1);
  }
  if (process.argv.includes('--record')) {
    if (now.gzip < budget.coreGzip) {
      writeFileSync(budgetFile, JSON.stringify({ ...budget, coreGzip: now.gzip }, null, 2) + '\n');
      console.log(`budget lowered to ${now.gzip} B`);
    } else console.log('budget kept: it only ever goes down');
  }
}
