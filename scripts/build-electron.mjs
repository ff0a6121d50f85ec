// Bundles the Electron main process and the preload into dist/electron/*.cjs with esbuild.
// `electron` is provided by the runtime and better-sqlite3 is a native module (loaded from
// node_modules, rebuilt for Electron's ABI by electron-builder when packaging), so both stay
// external. Works without the Electron binary: nothing here loads it.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'electron');

// Sources are ESM and use import.meta.url to find files; in a CJS bundle we rebuild it from __filename.
const importMetaShim = "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22', // Electron 45 ships Node 22
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

const started = Date.now();
await Promise.all([
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/main/main.ts')],
    outfile: path.join(outdir, 'main.cjs'),
    external: ['electron', 'better-sqlite3'],
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: importMetaShim },
  }),
  // Imports run in a worker thread; electron/core/import/tasks.ts finds it next to main.cjs.
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/core/import/import-worker.ts')],
    outfile: path.join(outdir, 'import-worker.cjs'),
    external: ['better-sqlite3'],
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: importMetaShim },
  }),
  // Sandboxed preloads may require only `electron` (and a few polyfilled modules): bundle the rest.
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/preload/preload.ts')],
    outfile: path.join(outdir, 'preload.cjs'),
    external: ['electron'],
    minify: true,
  }),
]);
console.log(`Built dist/electron/main.cjs, import-worker.cjs and preload.cjs in ${Date.now() - started} ms`);
