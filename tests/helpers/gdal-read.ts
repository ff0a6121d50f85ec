import { execFileSync } from 'node:child_process';
import type { Geometry } from '../../shared/api/geojson.js';

/** A feature as GDAL reads it (ogr2ogr → GeoJSON): attributes decoded by GDAL, geometry by GDAL. */
export interface GdalFeature {
  properties: Record<string, unknown>;
  geometry: Geometry | null;
}

export interface GdalLayer {
  name: string;
  features: GdalFeature[];
}

/**
 * Reads a dataset with GDAL only (`ogr2ogr -f GeoJSON /vsistdout/`): a zipped shapefile as
 * `/vsizip/<file>`, a folder, a .shp or a .geojson; `tSrs` makes GDAL (PROJ) reproject it.
 */
export function gdalRead(src: string, opts: { tSrs?: string; layer?: string; openOptions?: string[] } = {}): GdalLayer {
  const args = ['-f', 'GeoJSON', '-lco', 'RFC7946=NO', ...(opts.tSrs ? ['-t_srs', opts.tSrs] : []), ...(opts.openOptions ?? []).flatMap((o) => ['-oo', o]), '/vsistdout/', src, ...(opts.layer ? [opts.layer] : [])];
  const out = execFileSync('ogr2ogr', args, { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out) as GdalLayer;
}

/** `ogrinfo -so` of a layer: its text (feature count, geometry type, fields with GDAL's types, SRS). */
export function ogrinfoSummary(src: string, layer: string): string {
  return execFileSync('ogrinfo', ['-so', src, layer], { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The EPSG code GDAL identifies for a .prj (or any SRS source), e.g. "EPSG:4549"; '' when none. */
export function gdalEpsg(srs: string): string {
  return execFileSync('gdalsrsinfo', ['-o', 'epsg', srs], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Geodesic length (m) of (multi)lines on the CGCS2000 ellipsoid by GeographicLib's C++ GeodSolve (-i per segment). */
export function geodSolveLengthsM(geometries: readonly Geometry[]): number[] {
  const segments: { owner: number; line: string }[] = [];
  geometries.forEach((g, owner) => {
    const lines = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
    for (const l of lines) for (let i = 1; i < l.length; i++) segments.push({ owner, line: `${l[i - 1]![1]} ${l[i - 1]![0]} ${l[i]![1]} ${l[i]![0]}` });
  });
  const out = execFileSync('GeodSolve', ['-i', '-e', '6378137', '1/298.257222101', '-p', '9'], { input: `${segments.map((s) => s.line).join('\n')}\n`, encoding: 'utf8', maxBuffer: 1 << 26 });
  const dists = out.trim().split('\n').map((line) => Number(line.trim().split(/\s+/)[2]));
  const totals = geometries.map(() => 0);
  segments.forEach((s, i) => (totals[s.owner] = (totals[s.owner] ?? 0) + (dists[i] ?? NaN)));
  return totals;
}

/**
 * The rings of each record of a Polygon .shp, read here with a DataView (none of our reader's code):
 * each ring's shoelace signed area (< 0 clockwise) and the record's stored bounding box.
 */
export function shpRecordRings(shp: Uint8Array): { box: number[]; signedAreas: number[]; computedBox: number[] }[] {
  const dv = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const out: { box: number[]; signedAreas: number[]; computedBox: number[] }[] = [];
  let pos = 100;
  const end = dv.getInt32(24, false) * 2;
  while (pos < end) {
    const length = dv.getInt32(pos + 4, false) * 2;
    const p = pos + 8;
    if (dv.getInt32(p, true) === 5) {
      const box = [0, 1, 2, 3].map((k) => dv.getFloat64(p + 4 + 8 * k, true));
      const nParts = dv.getInt32(p + 36, true);
      const nPoints = dv.getInt32(p + 40, true);
      const starts = Array.from({ length: nParts }, (_, k) => dv.getInt32(p + 44 + 4 * k, true));
      const pts = p + 44 + 4 * nParts;
      const xy = (i: number): [number, number] => [dv.getFloat64(pts + 16 * i, true), dv.getFloat64(pts + 16 * i + 8, true)];
      const computedBox = [Infinity, Infinity, -Infinity, -Infinity];
      const signedAreas = starts.map((s, k) => {
        const e = k + 1 < nParts ? starts[k + 1]! : nPoints;
        const [x0, y0] = xy(s);
        let a = 0;
        for (let i = s; i < e; i++) {
          const [x, y] = xy(i);
          const [x2, y2] = xy(i + 1 < e ? i + 1 : s);
          a += (x - x0) * (y2 - y0) - (x2 - x0) * (y - y0);
          computedBox[0] = Math.min(computedBox[0]!, x);
          computedBox[1] = Math.min(computedBox[1]!, y);
          computedBox[2] = Math.max(computedBox[2]!, x);
          computedBox[3] = Math.max(computedBox[3]!, y);
        }
        return a / 2;
      });
      out.push({ box, signedAreas, computedBox });
    }
    pos += 8 + length;
  }
  return out;
}
