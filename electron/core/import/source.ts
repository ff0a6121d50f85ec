import fs from 'node:fs/promises';
import path from 'node:path';
import { PlannerError } from '../../../shared/api/errors.js';
import type { GeoJsonCrs } from './readers/geojson.js';
import { readGeoJson } from './readers/geojson.js';
import type { EncodingDecision } from './readers/encoding.js';
import { loadShapefileParts } from './readers/shapefile.js';
import { shapefileSource, shareParts } from './shapefile-source.js';
import type { FieldInfo, ReaderWarning, SourceFeature } from './readers/types.js';
import type { ShapefileParts } from './readers/zip.js';

export { shapefileSource };

/** One importable file, whatever its format: header facts now, features one at a time. */
export interface ImportSource {
  file: string;
  format: 'shapefile' | 'geojson';
  count: number;
  fields: FieldInfo[];
  encodingDecision: EncodingDecision | null;
  prj?: string;
  geojsonCrs?: GeoJsonCrs;
  feature(i: number): SourceFeature | null;
  warnings(): ReaderWarning[];
  /** the file's bytes in shared memory, so worker threads of a large import read them without a copy */
  shared?: ShapefileParts;
}

const GEOJSON_EXTS = new Set(['.geojson', '.json']);

/**
 * Opens `paths` (a .zip, a .shp with its siblings, the loose parts, or a .geojson/.json) with the
 * user's encoding choice. Shapefiles are read record by record (bounded memory); GeoJSON whole.
 */
export async function openImportSource(paths: readonly string[], encoding?: string | null): Promise<ImportSource> {
  if (paths.length === 0) {
    throw new PlannerError('no_input', 'No file to import was given.', '没有指定要导入的文件。');
  }
  const first = paths[0] as string;
  if (paths.length === 1 && GEOJSON_EXTS.has(path.extname(first).toLowerCase())) {
    let text: Uint8Array;
    try {
      text = await fs.readFile(first);
    } catch (e) {
      throw new PlannerError('file_not_found', `Cannot read ${first} (${(e as Error).message}).`, `无法读取文件 ${first}(${(e as Error).message})。`, { file: first });
    }
    const read = await readGeoJson(text, { name: path.basename(first), ...(encoding ? { encoding } : {}) });
    return {
      file: read.file,
      format: 'geojson',
      count: read.features.length,
      fields: read.fields,
      encodingDecision: read.encodingDecision,
      geojsonCrs: read.crs,
      feature: (i) => read.features[i] ?? null,
      warnings: () => read.warnings,
    };
  }
  const parts = await loadShapefileParts(paths.length === 1 ? first : paths);
  return shapefileSource(shareParts(parts), encoding ?? null);
}

/** Coordinates for CRS detection from up to `max` features spread evenly over the file. */
export function sampleSourceCoordinates(src: ImportSource, max = 300): (readonly number[])[] {
  const out: (readonly number[])[] = [];
  const step = Math.max(1, Math.floor(src.count / max));
  for (let i = 0; i < src.count; i += step) {
    const g = src.feature(i)?.geometry;
    if (!g) continue;
    const first = firstPosition(g);
    if (first) out.push(first);
    if (out.length < 50 && g.type === 'Polygon') for (const p of g.coordinates[0] ?? []) out.push(p);
  }
  return out;
}

function firstPosition(g: NonNullable<SourceFeature['geometry']>): readonly number[] | undefined {
  switch (g.type) {
    case 'Point':
      return g.coordinates;
    case 'LineString':
    case 'MultiPoint':
      return g.coordinates[0];
    case 'Polygon':
    case 'MultiLineString':
      return g.coordinates[0]?.[0];
    case 'MultiPolygon':
      return g.coordinates[0]?.[0]?.[0];
  }
}
