// Build step of the command (run by scripts/build.mjs): copies cli/*.mjs into pkg/cli/, as they are. They import
// the package by its own name (`bkpaas-upload`, `bkpaas-upload/inspect`), which resolves to the installed pkg/
// through package.json's `exports`, so the same files run from this checkout and from node_modules.
// package.json's `bin` points at pkg/cli/bkpaas-upload.mjs; `yaml` is the one runtime dependency.
import { chmodSync, copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export default async function build({ root }) {
  const from = join(root, 'cli');
  const to = join(root, 'pkg', 'cli');
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from).filter((f) => f.endsWith('.mjs') && f !== 'build.mjs')) {
    copyFileSync(join(from, name), join(to, name));
  }
  chmodSync(join(to, 'bkpaas-upload.mjs'), 0o755);
}
