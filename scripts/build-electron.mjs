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

/**
 * A Node tool under dist/cli (run by `node`, not Electron); its packages stay in node_modules.
 * @param {string} entry source file, from the repository root
 * @param {string} outfile file name in dist/cli
 */
function nodeTool(entry, outfile) {
  return build({
    ...common,
    target: 'node20',
    entryPoints: [path.join(root, entry)],
    outfile: path.join(root, 'dist', 'cli', outfile),
    packages: 'external',
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: importMetaShim },
  });
}

/**
 * A worker thread's bundle, built into dist/electron and into dist/cli.
 * @param {string} entry source file, from the repository root
 * @param {string} outName file name in both folders
 */
function worker(entry, outName) {
  return ['electron', 'cli'].map((dir) =>
    build({
      ...common,
      entryPoints: [path.join(root, entry)],
      outfile: path.join(root, 'dist', dir, outName),
      external: ['better-sqlite3'],
      define: { 'import.meta.url': '__importMetaUrl' },
      banner: { js: importMetaShim },
    }),
  );
}

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
  // Worker threads find their bundle next to the one that starts them — the app's (main.cjs) or the
  // CLI's (which also serves browser mode in-process) — so each worker is built into both folders:
  // an import (electron/core/import/tasks.ts), the record preparation of a large import
  // (electron/core/import/prepare-pool.ts) and tile cutting (electron/core/tiles/tile-pool.ts).
  ...worker('electron/core/import/import-worker.ts', 'import-worker.cjs'),
  ...worker('electron/core/import/prepare-worker.ts', 'prepare-worker.cjs'),
  ...worker('electron/core/tiles/tile-worker.ts', 'tile-worker.cjs'),
  // The landplanner CLI, compiled once instead of through tsx at every start (bin/landplanner.mjs
  // uses it while it is newer than the sources). Packages stay in node_modules.
  nodeTool('electron/cli/run.ts', 'landplanner.cjs'),
  // Browser mode's server (`npm run web`, `npm start` without Electron), compiled like the CLI:
  // scripts/start.mjs runs it while it is newer than the sources, which spares tsx's start-up.
  nodeTool('electron/web/cli-web.ts', 'web.cjs'),
  // Sandboxed preloads may require only `electron` (and a few polyfilled modules): bundle the rest.
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/preload/preload.ts')],
    outfile: path.join(outdir, 'preload.cjs'),
    external: ['electron'],
    minify: true,
  }),
]);
console.log(`Built dist/electron/{main,import-worker,prepare-worker,tile-worker,preload}.cjs and dist/cli/{landplanner,web,import-worker,prepare-worker,tile-worker}.cjs in ${Date.now() - started} ms`);
