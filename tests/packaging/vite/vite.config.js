import { defineConfig } from 'vite';

// The dev server forwards the proxy's two route prefixes. The object form, without
// `changeOrigin` (the string shorthand turns it on): the proxy then sees the dev
// server's own host in both Host and Origin, so sign-in is not refused as cross-site.
const proxy = process.env.PROXY_URL;
export default defineConfig({
  base: './',
  logLevel: 'warn',
  server: {
    host: '127.0.0.1',
    port: Number(process.env.VITE_PORT || 5173),
    strictPort: true,
    proxy: { '/api': { target: proxy }, '/auth': { target: proxy } },
  },
});
