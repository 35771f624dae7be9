// bkpaas-upload/element: the <bkpaas-upload> custom element, built to pkg/element/. It imports the core as
// `../index.js` (left external), so the core stays one file shared by both and the element does not grow it.
// The optional pre-flight entry (`../inspect/index.js`) is loaded lazily at run time, when present.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export default async function build({ root, bundle }) {
  mkdirSync(join(root, 'pkg', 'element'), { recursive: true });
  await bundle('js/element/index.js', 'pkg/element/index.js', { external: ['../index.js', '../inspect/index.js'] });
  copyFileSync(join(root, 'js', 'element', 'index.d.ts'), join(root, 'pkg', 'element', 'index.d.ts'));
  // Types only, for templates: bkpaas-upload/element/vue (GlobalComponents) and bkpaas-upload/element/react (JSX).
  for (const f of ['vue.d.ts', 'react.d.ts']) copyFileSync(join(root, 'js', 'element', f), join(root, 'pkg', 'element', f));
}
