import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { mbtilesToPmtiles } from './pmtiles-writer.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const SAMPLE_GPKG = path.join(ROOT, 'gis-data', 'sample', 'yongkang-sample.gpkg');

/** A solid magenta raster over 永康 and well beyond the sample's extent (so it fills the map view). */
export const MAGENTA = '#ff00ff';
export const RASTER_EXTENT = { west: 119.6, north: 29.3, east: 120.45, south: 28.55 };

export interface BasemapFixtures {
  dir: string;
  /** gdal_translate -of MBTILES from a GeoTIFF made by gdal_create, overviews by gdaladdo */
  rasterMbtiles: string;
  /** ogr2ogr -f MBTILES from the sample project's key blocks and transport lines (gzip pbf) */
  vectorMbtiles: string;
  rasterPmtiles: string;
  vectorPmtiles: string;
}

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Makes the basemap files with GDAL (and PMTiles copies with the test writer) in `dir`. */
export function makeBasemapFixtures(dir: string): BasemapFixtures {
  fs.mkdirSync(dir, { recursive: true });
  const tif = path.join(dir, 'magenta.tif');
  const rasterMbtiles = path.join(dir, '品红底图.mbtiles');
  const vectorMbtiles = path.join(dir, 'vector.mbtiles');
  const { west, north, east, south } = RASTER_EXTENT;
  run('gdal_create', [
    '-of', 'GTiff', '-outsize', '600', '512', '-bands', '3', '-ot', 'Byte',
    '-burn', '255', '-burn', '0', '-burn', '255',
    '-a_srs', 'EPSG:4326', '-a_ullr', String(west), String(north), String(east), String(south), tif,
  ]);
  run('gdal_translate', ['-q', '-of', 'MBTILES', tif, rasterMbtiles]);
  run('gdaladdo', ['-q', '-r', 'nearest', rasterMbtiles, '2', '4', '8']);
  run('ogr2ogr', ['-f', 'MBTILES', vectorMbtiles, SAMPLE_GPKG, 'key_blocks', 'transport', '-dsco', 'MINZOOM=9', '-dsco', 'MAXZOOM=13']);
  const rasterPmtiles = path.join(dir, 'raster.pmtiles');
  const vectorPmtiles = path.join(dir, 'vector.pmtiles');
  mbtilesToPmtiles(rasterMbtiles, rasterPmtiles);
  mbtilesToPmtiles(vectorMbtiles, vectorPmtiles);
  return { dir, rasterMbtiles, vectorMbtiles, rasterPmtiles, vectorPmtiles };
}

/** The XYZ tile holding a lon/lat at zoom z (the slippy-map formula, written out here on purpose). */
export function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n),
  };
}
