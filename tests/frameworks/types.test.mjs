// The template types (bkpaas-upload/element/vue, bkpaas-upload/element/react) as a strict consumer sees them:
// tests/types/<framework>/ is checked inside the installed example (the package from its packed tarball, the
// checker from the example's own lock): vue-tsc with strictTemplates, tsc for React 19 JSX. Each expected error
// is marked, so types that accept a wrong attribute fail the check. Run: node --test tests/frameworks/types.test.mjs
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../lib/emulator.mjs';
import { installExample } from './app.mjs';

const checkers = { vue: 'vue-tsc', react: 'tsc' };

for (const [name, checker] of Object.entries(checkers)) {
  test(`${name}: <bkpaas-upload> in templates type-checks, and wrong attributes, values and events are errors`, (t) => {
    const app = installExample(name);
    t.after(app.cleanup);
    const dir = join(app.dir, 'types-test');
    cpSync(join(root, 'tests', 'types', name), dir, { recursive: true });
    try {
      execFileSync(join(app.dir, 'node_modules', '.bin', checker), ['-p', join(dir, 'tsconfig.json')],
        { cwd: app.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      throw new Error(`${checker} failed:\n${e.stdout}${e.stderr}`);
    }
  });
}
