/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console (port 8084) serves the built app at /app/ and owns sign-in, so in development the same paths are
// proxied to it: the app stays same-origin with the APIs and the session cookie, as in production.
const console = 'http://localhost:8084';

export default defineConfig({
  base: '/app/',
  plugins: [react()],
  server: {
    proxy: {
      '/api': console,
      '/login': console,
      '/logout': console,
    },
  },
  build: {
    outDir: 'dist',
    // MUI X charts and data grid are large; split them so the first page does not wait for both.
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('@mui/x-data-grid')) return 'grid';
          if (id.includes('@mui/x-charts') || id.includes('d3-')) return 'charts';
          if (id.includes('@mui/') || id.includes('@emotion/')) return 'mui';
          if (id.includes('node_modules')) return 'vendor';
          return undefined;
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    testTimeout: 15000,
  },
});
