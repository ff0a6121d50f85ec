import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PlannerError } from '../../shared/api/errors.js';

export const SAMPLE_FILE_NAME = 'yongkang-sample.gpkg';
const WORKING_COPY_NAME = '永康示例项目.gpkg';

/**
 * The shipped sample project: gis-data/sample/ in the repository, or `resources/sample/` in a
 * packaged app (LANDPLANNER_SAMPLE overrides both). The shipped file is never opened for writing.
 */
export function samplePath(): string {
  if (process.env['LANDPLANNER_SAMPLE']) return process.env['LANDPLANNER_SAMPLE'];
  const resources = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resources && fs.existsSync(path.join(resources, 'sample', SAMPLE_FILE_NAME))) {
    return path.join(resources, 'sample', SAMPLE_FILE_NAME);
  }
  return path.join(repoRoot(), 'gis-data', 'sample', SAMPLE_FILE_NAME);
}

function repoRoot(): string {
  // electron/core/sample.ts (tsx) or dist/electron/*.cjs (bundled): walk up to the package.json.
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

/** Copies the shipped sample into the user's data folder on first run; returns the copy's path. */
export function ensureWorkingCopy(dataDir: string): string {
  const target = path.join(dataDir, 'projects', WORKING_COPY_NAME);
  if (fs.existsSync(target)) return target;
  const source = samplePath();
  if (!fs.existsSync(source)) {
    throw new PlannerError(
      'sample_missing',
      `The sample project is missing (${source}); run \`npm run build:sample\``,
      `缺少示例项目文件(${source}),请先运行 npm run build:sample`,
      { path: source },
    );
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.partial`;
  fs.copyFileSync(source, tmp);
  fs.renameSync(tmp, target);
  return target;
}

/** Where user data lives outside Electron: LANDPLANNER_DATA_DIR, else the platform's data folder. */
export function defaultDataDir(): string {
  if (process.env['LANDPLANNER_DATA_DIR']) return process.env['LANDPLANNER_DATA_DIR'];
  const home = process.env['HOME'] ?? process.env['USERPROFILE'] ?? '.';
  if (process.platform === 'win32') return path.join(process.env['APPDATA'] ?? home, 'land-planner');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'land-planner');
  return path.join(process.env['XDG_DATA_HOME'] ?? path.join(home, '.local', 'share'), 'land-planner');
}
