import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the gateway at /console; in development `vite` proxies the API to a gateway on :3000.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  resolve: {
    // The schedule rules are read from their source, ES modules the browser bundle takes as they are
    // (the package's build is CommonJS, for the services).
    alias: { '@hb/schedule': fileURLToPath(new URL('../../packages/schedule/src/index.ts', import.meta.url)) },
  },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/v1': 'http://127.0.0.1:3000' } },
});
