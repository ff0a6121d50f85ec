import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Project } from '../../electron/core/project/project.js';
import { generateProject } from './generated-project.js';
import { emptyResult, inTempDir, medianMs, type Bench } from './harness.js';

/**
 * Reading the parcels layer as GeoJSON (what the map asks for): our core against GDAL's
 * `ogr2ogr -f GeoJSON` of the same GeoPackage layer, in the same run.
 */
export const layerReadBench: Bench = {
  name: 'layer-read',
  description: 'parcels layer → GeoJSON: core vs ogr2ogr',
  async run() {
    const { figures, peers, ratios } = emptyResult();
    await inTempDir('landplanner-bench-', async (dir) => {
      for (const n of [3000, 20000]) {
        const file = generateProject(path.join(dir, `bench-${n}.gpkg`), n);
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
    });
    return { figures, peers, ratios, notes: ['ratio < 1 means the core is faster than ogr2ogr; ogr2ogr includes its process start'] };
  },
};
