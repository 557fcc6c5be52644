import { defineConfig } from 'vite';

// The proxy serves dist/ at `/` and the API at `/api`, under a strict CSP
// (script-src 'self' 'wasm-unsafe-eval'; style-src 'self'): the build must emit no
// inline scripts or styles. `npm run dev` forwards /api and /auth to a proxy on :8080
// (override with COMMERCE_PROXY_URL).
const proxyTarget = process.env['COMMERCE_PROXY_URL'] ?? 'http://127.0.0.1:8080';

export default defineConfig({
  // commerce-kit loads its .wasm via `new URL(..., import.meta.url)`; pre-bundling
  // would move the JS away from the .wasm file.
  optimizeDeps: { exclude: ['commerce-kit'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Never inline assets as data: URLs (the .wasm in particular stays a file).
    assetsInlineLimit: 0,
    // No modulepreload polyfill: it would be an inline script in some setups.
    modulePreload: { polyfill: false },
  },
  server: {
    host: '127.0.0.1',
    // node_modules/commerce-kit is a link to ../pkg: let the dev server read its .wasm.
    fs: { allow: ['.', '../pkg'] },
    proxy: {
      '/api': { target: proxyTarget, changeOrigin: false },
      '/auth': { target: proxyTarget, changeOrigin: false },
    },
  },
});
