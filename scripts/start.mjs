// `npm start`: the Electron app where its runtime is installed, otherwise browser mode (saying
// why, in one line). `npm run web` (= `--browser`) forces browser mode. Other arguments
// (--port N, --no-open, --project FILE) are passed through.
//
// This script never imports `electron`: since Electron 42 requiring it downloads the binary on
// first use, which fails offline. We look for the binary ourselves, as electron/index.js would.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isWin = process.platform === 'win32';
const rel = (/** @type {string} */ p) => path.join(root, p);

const argv = process.argv.slice(2);
const forceBrowser = argv.includes('--browser');
const passThrough = argv.filter((a) => a !== '--browser');

/** Newest modification time under the given paths (files or folders), 0 if none exist. */
function newestMtime(/** @type {string[]} */ paths) {
  let newest = 0;
  const visit = (/** @type {string} */ p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const entry of readdirSync(p)) if (entry !== 'node_modules') visit(path.join(p, entry));
    } else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  paths.forEach(visit);
  return newest;
}

/** True when `output` is missing or older than anything under `inputs`. */
function stale(/** @type {string} */ output, /** @type {string[]} */ inputs) {
  if (!existsSync(output)) return true;
  return newestMtime(inputs) > statSync(output).mtimeMs;
}

function npmRun(/** @type {string} */ script) {
  process.stderr.write(`> npm run ${script}\n`);
  const r = spawnSync(isWin ? 'npm.cmd' : 'npm', ['run', script], { cwd: root, stdio: ['ignore', 2, 2], shell: isWin });
  if (r.status !== 0) {
    process.stderr.write(`npm run ${script} failed (exit ${r.status ?? r.signal}).\n`);
    process.exit(r.status ?? 1);
  }
}

/** The Electron executable if its runtime is installed, else null (mirrors node_modules/electron/index.js). */
function electronBinary() {
  const pkg = rel('node_modules/electron');
  const pathFile = path.join(pkg, 'path.txt');
  const exe = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const p = path.join(override, exe || (isWin ? 'electron.exe' : 'electron'));
    return existsSync(p) ? p : null;
  }
  if (!exe) return null;
  const p = path.join(pkg, 'dist', exe);
  return existsSync(p) ? p : null;
}

/** Runs a child with inherited stdio, forwards Ctrl+C / SIGTERM, exits with its code. */
function runChild(/** @type {string} */ cmd, /** @type {string[]} */ args, /** @type {NodeJS.ProcessEnv} */ env = process.env) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
  const forward = (/** @type {NodeJS.Signals} */ sig) => {
    if (!child.killed) child.kill(sig);
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (e) => {
    process.stderr.write(`Could not start ${cmd}: ${e.message}\n`);
    process.exit(1);
  });
}

// 1. What every mode needs: the built renderer and the sample project.
if (stale(rel('dist/renderer/index.html'), [rel('renderer'), rel('shared')])) npmRun('build:renderer');
// The sample is needed unless the user names a project (or a sample elsewhere, as tests do).
const needsSample = !passThrough.includes('--project') && !process.env['LANDPLANNER_SAMPLE'];
if (needsSample && !existsSync(rel('gis-data/sample/yongkang-sample.gpkg'))) npmRun('build:sample');

// 2. Electron if we can, else browser mode.
const electron = forceBrowser ? null : electronBinary();
if (electron) {
  if (stale(rel('dist/electron/main.cjs'), [rel('electron'), rel('shared')])) npmRun('build:electron');
  // ELECTRON_RUN_AS_NODE would make the binary a plain Node; the app must never inherit it.
  const env = { ...process.env };
  delete env['ELECTRON_RUN_AS_NODE'];
  runChild(electron, [root, ...passThrough], env);
} else {
  if (!forceBrowser) {
    process.stderr.write(
      'Electron runtime not installed (its download is blocked or skipped) — starting browser mode instead; in China set ELECTRON_MIRROR (see README).\n',
    );
  }
  // The compiled server (npm run build) while it is newer than the sources, else the sources through tsx.
  const compiled = rel('dist/cli/web.cjs');
  if (!stale(compiled, [rel('electron'), rel('shared')])) runChild(process.execPath, [compiled, ...passThrough]);
  else runChild(process.execPath, ['--import', 'tsx', rel('electron/web/cli-web.ts'), ...passThrough]);
}
