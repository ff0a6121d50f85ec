import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Writes a project of `parcels` parcels made by the committed sample generator to `out`; returns `out`. */
export function generateProject(out: string, parcels: number): string {
  execFileSync(process.execPath, ['--import', 'tsx', 'gis-data/generator/build-sample.ts', '--out', out, '--parcels', String(parcels)], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  return out;
}
