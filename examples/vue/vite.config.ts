import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  // `npm run dev`: the page calls /api/bkpaas3 on its own origin, as behind a portal's proxy; Vite forwards it to
  // the gateway, by default the local emulator (target/release/bkpaas-emulator listens on 127.0.0.1:8080).
  server: { proxy: { '/api/bkpaas3': process.env.BKPAAS_GATEWAY_ORIGIN ?? 'http://127.0.0.1:8080' } },
  plugins: [
    vue({
      // <bkpaas-upload> is a custom element, not a Vue component: without this Vue warns
      // "Failed to resolve component: bkpaas-upload" in development.
      template: { compilerOptions: { isCustomElement: (tag) => tag === 'bkpaas-upload' } },
    }),
  ],
});
