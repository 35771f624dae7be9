import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Nothing special for <bkpaas-upload>: React 19 renders custom elements as they are.
export default defineConfig({ plugins: [react()] });
