// examples/vue (Vue 3.5, Vite, the element and useUpload over the core) installed from the packed package, built,
// and driven in Chromium against the emulator.
import { exampleTests } from '../frameworks/drive.mjs';

exampleTests('vue');
