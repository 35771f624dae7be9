import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Nothing special for <bkpaas-upload>: React 19 renders custom elements as they are.
export default defineConfig({
  // `npm run dev`: the page calls /api/bkpaas3 on its own origin, as behind a portal's proxy; Vite forwards it to
  // the gateway, by default the local emulator (target/release/bkpaas-emulator listens on 127.0.0.1:8080).
  server: { proxy: { '/api/bkpaas3': process.env.BKPAAS_GATEWAY_ORIGIN ?? 'http://127.0.0.1:8080' } },
  plugins: [react()],
});
