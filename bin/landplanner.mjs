#!/usr/bin/env node
// `landplanner` — the planner's command line, over the same core as the app (electron/core).
// Runs the compiled CLI (dist/cli/landplanner.cjs, from `npm run build`) while it is newer than
// every source file under electron/ and shared/; otherwise (or with LANDPLANNER_FROM_SOURCE=1)
// the TypeScript sources through tsx, a development dependency.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'cli', 'landplanner.cjs');

function newestSource(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|mjs|js|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  if (process.env.LANDPLANNER_FROM_SOURCE === '1' || !fs.existsSync(bundle)) return false;
  const built = fs.statSync(bundle).mtimeMs;
  return ['electron', 'shared'].every((d) => newestSource(path.join(root, d)) <= built);
}

if (bundleIsFresh()) {
  createRequire(import.meta.url)(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../electron/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
