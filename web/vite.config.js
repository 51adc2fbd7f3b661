// Vite bundles web/ into the directory `cronaca serve --web DIR` serves.
// The CMake target `web` runs `npm run build -- --outDir <build>/web`; run by
// hand, the output lands in web/dist. No inline scripts or styles are
// emitted (the server sends Content-Security-Policy: default-src 'self').
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    // `npm exec vite` during development: the API of a running `cronaca serve`.
    proxy: { '/api': process.env.CRONACA_API ?? 'http://127.0.0.1:8080' },
  },
});
