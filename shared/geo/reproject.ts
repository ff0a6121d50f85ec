import { PlannerError } from '../api/planner-error.js';
import type { BBox, Geometry } from '../api/geojson.js';
import { assertInChina, isInChina, toLonLat } from './crs.js';
import type { LonLatTransformer } from './crs.js';

type Pos = number[];

/** Calls `fn` for every position of a geometry. */
export function eachPosition(g: Geometry, fn: (p: readonly number[]) => void): void {
  switch (g.type) {
    case 'Point':
      fn(g.coordinates);
      return;
    case 'MultiPoint':
    case 'LineString':
      g.coordinates.forEach(fn);
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const part of g.coordinates) part.forEach(fn);
      return;
    case 'MultiPolygon':
      for (const poly of g.coordinates) for (const ring of poly) ring.forEach(fn);
      return;
  }
}

/**
 * A sample of source coordinates for CRS detection: the first vertex of every feature (so the
 * extent covers the whole file) plus all vertices of the first few features. No copies.
 */
export function sampleCoordinates(geometries: Iterable<Geometry | null>, fullFeatures = 50): (readonly number[])[] {
  const out: (readonly number[])[] = [];
  let n = 0;
  for (const g of geometries) {
    if (!g) continue;
    if (n++ < fullFeatures) {
      eachPosition(g, (p) => out.push(p));
    } else {
      let first = true;
      eachPosition(g, (p) => {
        if (first) out.push(p);
        first = false;
      });
    }
  }
  return out;
}

class Extent {
  minX = Infinity;
  minY = Infinity;
  maxX = -Infinity;
  maxY = -Infinity;
  add(x: number, y: number): void {
    if (x < this.minX) this.minX = x;
    if (x > this.maxX) this.maxX = x;
    if (y < this.minY) this.minY = y;
    if (y > this.maxY) this.maxY = y;
  }
  bbox(): BBox {
    return [this.minX, this.minY, this.maxX, this.maxY];
  }
  merge(o: Extent): void {
    if (o.minX <= o.maxX) {
      this.add(o.minX, o.minY);
      this.add(o.maxX, o.maxY);
    }
  }
}

function mapPositions(ps: Pos[], t: LonLatTransformer, ext: Extent, fail: (p: Pos) => never, inPlace: boolean): Pos[] {
  if (inPlace) {
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i]!;
      if (!t.into(p[0]!, p[1]!, p, 0)) fail(p);
      if (p.length > 2) p.length = 2;
      ext.add(p[0]!, p[1]!);
    }
    return ps;
  }
  const out = new Array<Pos>(ps.length);
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    const q: Pos = [0, 0];
    if (!t.into(p[0]!, p[1]!, q, 0)) fail(p);
    ext.add(q[0]!, q[1]!);
    out[i] = q;
  }
  return out;
}

/**
 * One geometry from the source CRS to CGCS2000 lon/lat, 2D: new arrays, or — with `inPlace` —
 * the same position arrays overwritten (no allocation; for the import of 100,000s of features).
 */
export function reprojectGeometry(g: Geometry, t: LonLatTransformer, ext: Extent = new Extent(), onFail?: (p: readonly number[]) => never, inPlace = false): Geometry {
  const fail =
    onFail ??
    ((p: readonly number[]): never => {
      throw new PlannerError('reprojection_failed', `Cannot transform (${p[0]}, ${p[1]}) from EPSG:${t.epsg}.`, `无法将坐标 (${p[0]}, ${p[1]}) 从 EPSG:${t.epsg} 转换。`, { epsg: t.epsg, point: [p[0], p[1]] });
    });
  const pts = (ps: Pos[]) => mapPositions(ps, t, ext, fail, inPlace);
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: pts([g.coordinates])[0]! };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: pts(g.coordinates) };
    case 'LineString':
      return { type: 'LineString', coordinates: pts(g.coordinates) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map(pts) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map(pts) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(pts)) };
  }
}

export interface ReprojectOptions {
  /** the file's name for messages */
  file?: string;
  /** skip the outside-China check (tests only) */
  allowOutsideChina?: boolean;
  /** overwrite the source position arrays instead of copying (the source geometry is consumed) */
  inPlace?: boolean;
}

/**
 * Features with geometry in `epsg` → the same features (shallow copies) with geometry in CGCS2000
 * lon/lat (EPSG:4490). Throws 'reprojection_failed' naming the feature index for a point that
 * cannot be transformed and 'outside_china' when the result's extent is not within China.
 */
export function reproject<T extends { geometry: Geometry | null; index?: number }>(features: readonly T[], epsg: number, opts: ReprojectOptions = {}): T[] {
  const t = toLonLat(epsg);
  const ext = new Extent();
  const outside: number[] = [];
  const out = new Array<T>(features.length);
  for (let i = 0; i < features.length; i++) {
    const f = features[i]!;
    const index = f.index ?? i;
    const fail = (p: readonly number[]): never => {
      throw new PlannerError(
        'reprojection_failed',
        `Feature ${index}${opts.file ? ` of ${opts.file}` : ''}: cannot transform (${p[0]}, ${p[1]}) from EPSG:${epsg}.`,
        `${opts.file ? `${opts.file} ` : ''}第 ${index} 个要素:无法将坐标 (${p[0]}, ${p[1]}) 从 EPSG:${epsg} 转换。`,
        { feature: index, epsg, point: [p[0], p[1]], ...(opts.file ? { file: opts.file } : {}) },
      );
    };
    if (!f.geometry) {
      out[i] = f;
      continue;
    }
    const fe = new Extent();
    out[i] = { ...f, geometry: reprojectGeometry(f.geometry, t, fe, fail, opts.inPlace ?? false) };
    if (!isInChina(fe.bbox()) && outside.length < 100) outside.push(index);
    ext.merge(fe);
  }
  if (!opts.allowOutsideChina && ext.minX <= ext.maxX) assertInChina(ext.bbox(), opts.file, epsg, outside);
  return out;
}

export { Extent };
