// bkpaas-upload/inspect: archive pre-flight (inspect/ crate), built to pkg/inspect/ with its own wasm.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export default async function build({ root, buildWasm, bundle }) {
  const out = buildWasm('bkpaas-inspect', { keep: ['memory'] });
  mkdirSync(join(root, 'pkg', 'inspect'), { recursive: true });
  copyFileSync(join(out, 'bkpaas_inspect_bg.wasm'), join(root, 'pkg', 'inspect', 'bkpaas_inspect_bg.wasm'));
  await bundle('js/inspect/index.js', 'pkg/inspect/index.js', { node: true });
  copyFileSync(join(root, 'js', 'inspect', 'index.d.ts'), join(root, 'pkg', 'inspect', 'index.d.ts'));
}
