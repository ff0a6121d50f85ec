// electron-builder `afterPack` hook: puts an Electron-ABI build of better-sqlite3 into the packaged
// app without touching the working tree's node_modules.
//
// Why not `npmRebuild: true`? electron-builder runs @electron/rebuild with buildPath = the project
// directory (app-builder-lib/out/util/yarn.js), i.e. it rebuilds node_modules/better-sqlite3 IN
// PLACE for Electron's ABI, after which the tests, the CLI and browser mode (plain Node 20) can no
// longer load it. So the strategy is:
//   - node_modules keeps the Node-ABI build (npm install); tests and browser mode use it;
//   - packaging copies that module into app.asar.unpacked (see asarUnpack), then this hook rebuilds
//     a scratch copy for the target Electron version/platform/arch (prebuilt download, else node-gyp
//     with Electron's headers) and replaces only the packaged .node file.
// Traps seen on the build machine, hence the checks below:
//   - under `npm run`/`npx`, npm exports npm_config_nodedir=/usr (from the global npmrc), so
//     node-gyp compiles against Node 20's headers and @electron/rebuild reports "Rebuild
//     Complete" for a Node-ABI binary. We drop such variables for the child, then check the
//     module's registration symbol (node_register_module_v<ABI>) against Electron's ABI.
//   - the rebuild runs in a child process, and its exit status is checked, so a failure cannot
//     be swallowed.
// It needs the network (Electron headers or prebuilt binaries) and cannot run on the offline
// build machine: there it fails loudly, as it should.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const NATIVE = path.join('build', 'Release', 'better_sqlite3.node');
/** electron-builder's Arch enum (builder-util): ia32, x64, armv7l, arm64, universal. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** npm settings that would point node-gyp at Node's headers instead of Electron's. */
const GYP_OVERRIDES = /^npm_config_(nodedir|node_gyp|target|target_arch|runtime|disturl|dist_url|build_from_source)$/i;

/** The NODE_MODULE_VERSION a non-N-API addon was built for, from its registration symbol. */
function addonAbi(/** @type {string} */ file) {
  const m = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return m ? Number(m[1]) : null;
}

const versionOf = (/** @type {string} */ pkg) =>
  /** @type {{ version: string }} */ (JSON.parse(readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8'))).version;

/** @param {import('app-builder-lib').AfterPackContext} context */
export async function afterPack(context) {
  const electronVersion = versionOf('electron');
  const sqliteVersion = versionOf('better-sqlite3');
  const platform = context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? process.arch;
  const target = path.join(context.packager.getResourcesDir(context.appOutDir), 'app.asar.unpacked', 'node_modules', 'better-sqlite3', NATIVE);
  await stat(target); // fails loudly if asarUnpack no longer unpacks better-sqlite3

  const scratch = await mkdtemp(path.join(os.tmpdir(), 'landplanner-native-'));
  try {
    const moduleDir = path.join(scratch, 'node_modules', 'better-sqlite3');
    await writeFile(path.join(scratch, 'package.json'), JSON.stringify({ name: 'native-scratch', version: '0.0.0', dependencies: { 'better-sqlite3': sqliteVersion } }));
    await cp(path.join(root, 'node_modules', 'better-sqlite3'), moduleDir, {
      recursive: true,
      filter: (src) => path.relative(path.join(root, 'node_modules', 'better-sqlite3'), src).split(path.sep)[0] !== 'build',
    });
    console.log(`  • rebuilding better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch})`);
    const cli = path.join(path.dirname(require.resolve('@electron/rebuild')), 'cli.js');
    const r = spawnSync(
      process.execPath,
      [cli, '--version', electronVersion, '--arch', arch, '--platform', platform, '--module-dir', scratch, '--only', 'better-sqlite3', '--force'],
      { stdio: 'inherit', env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !GYP_OVERRIDES.test(k))) },
    );
    const built = path.join(moduleDir, NATIVE);
    if (r.status !== 0 || !existsSync(built)) {
      throw new Error(`Could not build better-sqlite3 for Electron ${electronVersion} (${platform}-${arch}); exit ${r.status ?? r.signal}. Packaging needs network access to Electron's headers or prebuilt binaries.`);
    }
    const { getAbi } = /** @type {{ getAbi(version: string, runtime: string): string }} */ (require('node-abi'));
    const wanted = Number(getAbi(electronVersion, 'electron'));
    const got = addonAbi(built);
    if (got !== wanted) {
      throw new Error(`better-sqlite3 was built for ABI ${got}, not Electron ${electronVersion}'s ABI ${wanted}; refusing to package it.`);
    }
    await cp(built, target);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
