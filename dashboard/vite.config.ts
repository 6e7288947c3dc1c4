/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console (port 8084) serves the built app at /app/ and owns sign-in, so in development the same paths are
// proxied to it: the app stays same-origin with the APIs and the session cookie, as in production.
const consoleUrl = 'http://localhost:8084';

export default defineConfig({
  base: '/app/',
  plugins: [react()],
  server: {
    proxy: {
      '/api': consoleUrl,
      '/login': consoleUrl,
      '/logout': consoleUrl,
    },
  },
  build: {
    outDir: 'dist',
    // The entry holds React, MUI core, the router, react-intl and TanStack Query (~240 kB gzipped); every area's
    // pages, the charts and the data grid load with the pages that use them (lazy routes).
    chunkSizeWarningLimit: 800,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    // Only the components' tests: e2e/*.test.mjs are node:test browser suites that the Maven build runs against a
    // live platform, not jsdom tests.
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 30000,
  },
});
