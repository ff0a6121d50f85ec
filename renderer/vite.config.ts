import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Builds the renderer into dist/renderer. `base: './'` keeps every asset URL relative, so the same
 * build loads from Electron's app:// protocol and from the browser-mode server. Nothing is fetched
 * from outside the machine: no CDN, no web fonts; maplibre's worker is bundled as an asset
 * (src/map/worker-url.ts). The Content-Security-Policy is sent as a header by both servers
 * (electron/web/security-headers.ts) — one policy, so a configured basemap origin is added once.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // maplibre-gl alone is ~1 MB minified; a desktop app reads it from disk, so the warning is noise.
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1' },
});
