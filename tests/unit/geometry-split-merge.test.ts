import { describe, expect, it } from 'vitest';
import type { Geometry } from '../../shared/api/geojson.js';
import { ellipsoidalAreaM2 } from '../../shared/domain/area.js';
import { mergePolygons } from '../../shared/geo/merge.js';
import { splitPolygon, type PolygonCoords } from '../../shared/geo/split.js';
import { checkGeometry } from '../../shared/geo/validity.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';
import { geosValidity, spatialiteQuery, toWkt } from '../helpers/spatialite-oracle.js';

type Poly = Extract<Geometry, { type: 'Polygon' }>;
type Multi = Extract<Geometry, { type: 'MultiPolygon' }>;
const P = (...rings: number[][][]): Poly => ({ type: 'Polygon', coordinates: rings });
const M = (...polys: number[][][][]): Multi => ({ type: 'MultiPolygon', coordinates: polys });
const rect = (x0: number, y0: number, x1: number, y1: number): number[][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const cw = (ring: number[][]): number[][] => [...ring].reverse();
const lineWkt = (line: number[][]): string => `LINESTRING(${line.map((p) => `${p[0]} ${p[1]}`).join(',')})`;

// A quadrilateral like the sample's parcels (YK2023-00001), about 7,800 m² near 永康.
const QUAD = P([[120.073516, 28.949938], [120.074752, 28.949499], [120.074962, 28.950037], [120.073808, 28.950434], [120.073516, 28.949938]]);
// A U: two arms (x 0–1 and 2–3 in 0.001° steps) on a base.
const U = P([[120.0, 28.9], [120.003, 28.9], [120.003, 28.903], [120.002, 28.903], [120.002, 28.901], [120.001, 28.901], [120.001, 28.903], [120.0, 28.903], [120.0, 28.9]]);
const WITH_HOLE = P(rect(120.0, 28.9, 120.004, 28.903), cw(rect(120.0015, 28.901, 120.0025, 28.902)));

interface OracleSplit {
  n: number;
  /** Planimeter's areas of ST_Split's pieces, largest first. */
  areas: number[];
  /** Planimeter(original) − Σ Planimeter(ST_Split's pieces): what its straight-segment cut points shave off. */
  deficit: number;
}

/**
 * SpatiaLite (RTTOPO) ST_Split of the same geometry and line; its pieces are measured by
 * GeographicLib's Planimeter (SpatiaLite's own ST_Area(…, 1) is an approximation good to ≈ 2e-6 only).
 */
function stSplit(g: Poly | Multi, line: number[][]): OracleSplit {
  const [row] = spatialiteQuery<{ j: string }>([['SELECT AsGeoJSON(ST_Split(GeomFromText(?, 4490), GeomFromText(?, 4490)), 15) AS j', [toWkt(g), lineWkt(line)]]]);
  const split = JSON.parse(row?.j ?? 'null') as Multi;
  const pieces = split.coordinates.map((c): Poly => P(...c));
  const [whole, ...areas] = planimeterAreasM2([g, ...pieces]);
  areas.sort((a, b) => b - a);
  return { n: pieces.length, areas, deficit: (whole ?? NaN) - areas.reduce((s, a) => s + a, 0) };
}

/**
 * Our pieces against ST_Split's. ST_Split puts each cut point on the straight lon/lat segment, so its
 * pieces miss the sliver between that segment and the edge's geodesic (they fall short of the
 * original by \`deficit\`); ours sit on the geodesic and add up. Each piece may differ from ST_Split's
 * by at most that sliver (plus 1e-9 relative for rounding).
 */
function expectMatchesStSplit(r: { areas: number[] }, oracle: OracleSplit): void {
  expect(r.areas).toHaveLength(oracle.n);
  r.areas.forEach((a, i) => expect(Math.abs(a - (oracle.areas[i] ?? NaN))).toBeLessThanOrEqual(Math.abs(oracle.deficit) + 1e-9 * a));
}

function pieces(g: Poly | Multi, line: number[][]): { coords: PolygonCoords[][]; areas: number[] } {
  const r = splitPolygon(g, line);
  if (!r.ok) throw new Error(`split failed: ${r.code}`);
  return { coords: r.pieces, areas: r.areasM2 };
}

/** Every piece valid (ours and GEOS), our areas = Planimeter's to 0.01 m², their sum = the original's to 1e-8 relative. */
function expectSound(g: Poly | Multi, result: { coords: PolygonCoords[][]; areas: number[] }): void {
  const geoms: Multi[] = result.coords.map((c) => M(...c));
  for (const piece of geoms) expect(checkGeometry(piece).filter((i) => i.severity === 'error')).toEqual([]);
  expect(geosValidity(geoms.map(toWkt)).every((v) => v.valid)).toBe(true);
  const oracle = planimeterAreasM2(geoms);
  result.areas.forEach((a, i) => expect(Math.abs(a - (oracle[i] ?? NaN))).toBeLessThan(0.01));
  const total = result.areas.reduce((s, a) => s + a, 0);
  const original = ellipsoidalAreaM2(g);
  expect(Math.abs(total - original) / original).toBeLessThan(1e-8);
}

describe('splitPolygon', () => {
  it('cuts a parcel in two along a straight line, as ST_Split does, the pieces adding up to the parcel', () => {
    const line = [[120.0742, 28.9493], [120.0741, 28.9506]];
    const r = pieces(QUAD, line);
    expect(r.coords).toHaveLength(2);
    expectSound(QUAD, r);
    const oracle = stSplit(QUAD, line);
    expect(oracle.n).toBe(2);
    expectMatchesStSplit(r, oracle);
  });

  it('follows a bent line with vertices inside the parcel', () => {
    const line = [[120.0733, 28.9500], [120.0740, 28.9498], [120.0745, 28.9501], [120.0752, 28.9499]];
    const r = pieces(QUAD, line);
    expect(r.coords).toHaveLength(2);
    expectSound(QUAD, r);
    const oracle = stSplit(QUAD, line);
    expectMatchesStSplit(r, oracle);
  });

  it('cuts both arms of a U into three pieces', () => {
    const line = [[119.9995, 28.902], [120.0035, 28.902]];
    const r = pieces(U, line);
    expect(r.coords).toHaveLength(3);
    expectSound(U, r);
    const oracle = stSplit(U, line);
    expect(oracle.n).toBe(3);
    expectMatchesStSplit(r, oracle);
  });

  it('cuts through a hole (the hole becomes two notches) and keeps an untouched hole in its piece', () => {
    const through = [[120.002, 28.8995], [120.002, 28.9035]];
    const r = pieces(WITH_HOLE, through);
    expect(r.coords).toHaveLength(2);
    expect(r.coords.every((c) => c.length === 1 && c[0]!.length === 1)).toBe(true);
    expectSound(WITH_HOLE, r);
    const beside = [[120.0008, 28.8995], [120.0008, 28.9035]];
    const s = pieces(WITH_HOLE, beside);
    expect(s.coords).toHaveLength(2);
    expect(s.coords[0]![0]).toHaveLength(2); // the larger piece keeps the hole
    expectSound(WITH_HOLE, s);
    const oracle = stSplit(WITH_HOLE, beside);
    expectMatchesStSplit(s, oracle);
  });

  it('cuts exactly through vertices', () => {
    const square = P(rect(120.0, 28.9, 120.001, 28.901));
    const r = pieces(square, [[119.9995, 28.8995], [120.0015, 28.9015]]);
    expect(r.coords).toHaveLength(2);
    expect(r.coords.every((c) => c[0]![0]!.length === 4)).toBe(true); // triangles: 3 vertices + closing
    expectSound(square, r);
  });

  it('splits the crossed part of a multipolygon; the other part stays with the largest piece', () => {
    const g = M([rect(120.0, 28.9, 120.002, 28.901)], [rect(120.003, 28.9, 120.004, 28.901)]);
    const r = pieces(g, [[120.0005, 28.8995], [120.0005, 28.9015]]);
    expect(r.coords).toHaveLength(2);
    expect(r.coords[0]).toHaveLength(2);
    expectSound(g, r);
  });

  it('refuses lines that do not cut across, cross themselves or are a point', () => {
    const outside = splitPolygon(QUAD, [[120.07, 28.94], [120.071, 28.941]]);
    expect(outside.ok ? 'ok' : outside.code).toBe('split_no_cross');
    const dangling = splitPolygon(QUAD, [[120.0733, 28.9500], [120.0742, 28.9500]]);
    expect(dangling.ok ? 'ok' : dangling.code).toBe('split_no_cross');
    const intoHole = splitPolygon(WITH_HOLE, [[120.002, 28.8995], [120.002, 28.9015]]);
    expect(intoHole.ok ? 'ok' : intoHole.code).toBe('split_no_cross');
    const loop = splitPolygon(QUAD, [[120.0733, 28.9496], [120.0752, 28.9503], [120.0752, 28.9496], [120.0733, 28.9503]]);
    expect(loop.ok ? 'ok' : loop.code).toBe('split_line_self_intersects');
    const point = splitPolygon(QUAD, [[120.074, 28.95], [120.074, 28.95]]);
    expect(point.ok ? 'ok' : point.code).toBe('split_line_too_short');
  });
});

/** GEOS's union (SpatiaLite ST_Union) measured by Planimeter. */
function geosUnionAreaM2(expr: string, geoms: readonly Poly[]): number {
  const [row] = spatialiteQuery<{ j: string }>([[`SELECT AsGeoJSON(${expr}, 15) AS j`, geoms.map(toWkt)]]);
  const [area] = planimeterAreasM2([JSON.parse(row?.j ?? 'null') as Geometry]);
  return area ?? NaN;
}

describe('mergePolygons', () => {
  const a = P(rect(120.0, 28.9, 120.001, 28.901));
  const b = P(rect(120.001, 28.9, 120.002, 28.9005));
  const c = P(rect(120.001, 28.9005, 120.002, 28.901));

  it('dissolves shared edges (with a T-junction), keeps every outer vertex, and adds up exactly', () => {
    const r = mergePolygons([a, b, c]);
    if (!r.ok) throw new Error(r.code);
    expect(r.coordinates).toHaveLength(1);
    const ring = r.coordinates[0]![0]!;
    // The corners and the two vertices on the outline where the parcels met are all kept.
    expect(ring.map((p) => `${p[0]},${p[1]}`)).toEqual(expect.arrayContaining(['120.001,28.9', '120.001,28.901', '120.002,28.9005']));
    const sum = [a, b, c].reduce((s, g) => s + ellipsoidalAreaM2(g), 0);
    expect(Math.abs(r.areaM2 - sum) / sum).toBeLessThan(1e-9);
    const [oracle] = planimeterAreasM2([{ type: 'MultiPolygon', coordinates: r.coordinates }]);
    expect(Math.abs(r.areaM2 - (oracle ?? NaN))).toBeLessThan(0.01);
    const geos = geosUnionAreaM2('ST_Union(ST_Union(GeomFromText(?, 4490), GeomFromText(?, 4490)), GeomFromText(?, 4490))', [a, b, c]);
    expect(Math.abs(r.areaM2 - geos)).toBeLessThan(0.01);
  });

  it('merges overlapping parcels and reports the overlap', () => {
    const d = P(rect(120.0005, 28.9, 120.0015, 28.901));
    const r = mergePolygons([a, d]);
    if (!r.ok) throw new Error(r.code);
    expect(r.overlapM2).toBeGreaterThan(1000);
    expect(Math.abs(r.areaM2 - geosUnionAreaM2('ST_Union(GeomFromText(?, 4490), GeomFromText(?, 4490))', [a, d]))).toBeLessThan(0.01);
  });

  it('refuses parcels that do not share an edge (apart, or touching at a corner)', () => {
    const far = P(rect(120.003, 28.9, 120.004, 28.901));
    const apart = mergePolygons([a, far]);
    expect(apart.ok ? 'ok' : apart.code).toBe('merge_not_adjacent');
    const corner = P(rect(120.001, 28.901, 120.002, 28.902));
    const touching = mergePolygons([a, corner]);
    expect(touching.ok ? 'ok' : touching.code).toBe('merge_not_adjacent');
    if (!apart.ok) expect(apart.groups).toEqual([[0], [1]]);
    expect(mergePolygons([a]).ok).toBe(false);
  });

  it('a split merged back gives the original area', () => {
    const s = splitPolygon(QUAD, [[120.0742, 28.9493], [120.0741, 28.9506]]);
    if (!s.ok) throw new Error(s.code);
    const r = mergePolygons(s.pieces.map((c) => M(...c)));
    if (!r.ok) throw new Error(r.code);
    const original = ellipsoidalAreaM2(QUAD);
    expect(Math.abs(r.areaM2 - original) / original).toBeLessThan(1e-8);
  });
});
