// examples/react (React 19, Vite, the element with onbkpaas-* props and useUpload over the core) installed from the
// packed package, built, and driven in Chromium against the emulator.
import { exampleTests } from '../frameworks/drive.mjs';

exampleTests('react');
