import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Project } from '../../electron/core/project/project.js';
import { medianMs, type Bench } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Builds a generated project with `parcels` parcels through the committed sample generator. */
function buildProject(parcels: number, dir: string): string {
  const out = path.join(dir, `bench-${parcels}.gpkg`);
  execFileSync(process.execPath, ['--import', 'tsx', 'gis-data/generator/build-sample.ts', '--out', out, '--parcels', String(parcels)], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  return out;
}

/**
 * Reading the parcels layer as GeoJSON (what the map asks for): our core against GDAL's
 * `ogr2ogr -f GeoJSON` of the same GeoPackage layer, in the same run.
 */
export const layerReadBench: Bench = {
  name: 'layer-read',
  description: 'parcels layer → GeoJSON: core vs ogr2ogr',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landplanner-bench-'));
    const figures: Record<string, number> = {};
    const peers: Record<string, number> = {};
    const ratios: Record<string, number> = {};
    try {
      for (const n of [3000, 20000]) {
        const file = buildProject(n, dir);
        const p = Project.open(file);
        const count = p.features('parcels').features.length;
        figures[`core_read_ms_${n}`] = await medianMs(5, () => JSON.stringify(p.features('parcels')));
        p.close();
        peers[`ogr2ogr_geojson_ms_${n}`] = await medianMs(3, () => {
          const r = spawnSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', file, 'parcels'], { maxBuffer: 1 << 30 });
          if (r.status !== 0) throw new Error(String(r.stderr));
        });
        figures[`features_${n}`] = count;
        ratios[`core_vs_ogr2ogr_${n}`] = (figures[`core_read_ms_${n}`] as number) / (peers[`ogr2ogr_geojson_ms_${n}`] as number);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return { figures, peers, ratios, notes: ['ratio < 1 means the core is faster than ogr2ogr; ogr2ogr includes its process start'] };
  },
};
