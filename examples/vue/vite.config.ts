import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [
    vue({
      // <bkpaas-upload> is a custom element, not a Vue component: without this Vue warns
      // "Failed to resolve component: bkpaas-upload" and renders nothing useful.
      template: { compilerOptions: { isCustomElement: (tag) => tag === 'bkpaas-upload' } },
    }),
  ],
});
