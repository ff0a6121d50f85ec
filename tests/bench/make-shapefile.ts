import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateProject } from './generated-project.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The parcel fields exported to the shapefile (DBF names get cut to 10 characters: completed_, recorded_b, stated_are). */
export const SHAPEFILE_FIELDS = ['code', 'owner', 'town', 'status', 'method', 'completed_on', 'recorded_block', 'stated_area_m2'] as const;

/** `--map` choices for the two names ogr2ogr cuts to 10 characters (recognised on their own since; kept explicit where a test wants no guessing). */
export const TRUNCATED_FIELD_MAP = ['--map', 'recorded_b=recorded_block', '--map', 'stated_are=stated_area_m2'] as const;

export interface ParcelShapefile {
  parcels: number;
  /** Folder holding the inputs (under .tmp/bench-inputs/, git-ignored). */
  dir: string;
  /** GBK (CP936) shapefile in EPSG:4549, written by ogr2ogr. */
  shp: string;
  /** The generated project's 18 key blocks as GeoJSON (EPSG:4490), written by ogr2ogr. */
  keyBlocks: string;
}

/** Hash of the sample generator, this export recipe and the GDAL version: inputs are rebuilt when any changes. */
function recipeHash(): string {
  const h = createHash('sha256');
  const gen = path.join(ROOT, 'gis-data', 'generator');
  for (const f of fs.readdirSync(gen).sort()) h.update(f).update(fs.readFileSync(path.join(gen, f)));
  h.update(SHAPEFILE_FIELDS.join(','));
  h.update(execFileSync('ogr2ogr', ['--version'], { encoding: 'utf8' }));
  return h.digest('hex').slice(0, 12);
}

/**
 * A generated project with `parcels` parcels (the committed sample generator), exported by
 * ogr2ogr — never by our own writer — as a GBK shapefile in CGCS2000 3° GK CM 120°E (EPSG:4549),
 * plus its key blocks as GeoJSON. Built once per size and recipe under .tmp/bench-inputs/
 * (~45 s for 100k parcels); concurrent callers build in their own folder and rename into place.
 */
export function ensureParcelShapefile(parcels: number): ParcelShapefile {
  const dir = path.join(ROOT, '.tmp', 'bench-inputs', `${parcels}-${recipeHash()}`);
  const result: ParcelShapefile = { parcels, dir, shp: path.join(dir, 'parcels.shp'), keyBlocks: path.join(dir, 'key_blocks.geojson') };
  if (fs.existsSync(path.join(dir, '.complete'))) return result;

  const tmp = `${dir}.${process.pid}.${Date.now()}`;
  fs.mkdirSync(tmp, { recursive: true });
  const gpkg = path.join(tmp, 'generated.gpkg');
  generateProject(gpkg, parcels);
  // Field-name laundering (completed_on → completed_) is reported on stderr; it is expected.
  execFileSync(
    'ogr2ogr',
    ['-f', 'ESRI Shapefile', '-t_srs', 'EPSG:4549', '-lco', 'ENCODING=CP936', path.join(tmp, 'parcels.shp'), gpkg, 'parcels', '-select', SHAPEFILE_FIELDS.join(',')],
    { stdio: 'ignore' },
  );
  execFileSync('ogr2ogr', ['-f', 'GeoJSON', path.join(tmp, 'key_blocks.geojson'), gpkg, 'key_blocks'], { stdio: 'ignore' });
  fs.rmSync(gpkg, { force: true });
  fs.writeFileSync(path.join(tmp, '.complete'), new Date().toISOString());
  try {
    fs.renameSync(tmp, dir);
  } catch {
    // Another process got there first (or a stale incomplete folder is in the way).
    if (!fs.existsSync(path.join(dir, '.complete'))) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(tmp, dir);
    } else fs.rmSync(tmp, { recursive: true, force: true });
  }
  return result;
}
