import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatDegrees, formatMetres, lonLatToGk } from '../../renderer/src/features/map-tools/gk-coords.js';
import { formatLength, measureFigures, type LonLat } from '../../renderer/src/features/map-tools/measure-figures.js';
import { EMPTY_SELECTION, selectionKey, withParcels, type SelectionState } from '../../renderer/src/features/parcel/selection-state.js';
import { addVertex, emptyMeasure, finish, moveCursor, sketchVertices } from '../../renderer/src/map/tools/measure-state.js';
import { pickFeature, type FeatureHit } from '../../renderer/src/map/pick-feature.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';

/**
 * The map tools' pure parts: measured figures against GeographicLib's command-line tools, the
 * coordinate readout against GDAL's gdaltransform and PROJ's cs2cs, the measure sketch's rules
 * and the box/lasso selection's effect on the selection state.
 */

/** A few parcels' worth of 永康: an irregular pentagon near 东城街道 and a long thin strip. */
const PENTAGON: LonLat[] = [
  [120.0312, 28.8991],
  [120.0368, 28.8986],
  [120.0391, 28.9032],
  [120.0349, 28.9071],
  [120.0301, 28.9044],
];
const STRIP: LonLat[] = [
  [119.95, 28.85],
  [120.15, 28.85],
  [120.15, 28.8502],
];

function geodSolveM(points: readonly LonLat[]): number {
  const input = points.slice(1).map((q, i) => `${points[i]?.[1]} ${points[i]?.[0]} ${q[1]} ${q[0]}`).join('\n');
  const out = execFileSync('GeodSolve', ['-i', '-e', '6378137', '1/298.257222101', '-p', '9'], { input: `${input}\n`, encoding: 'utf8' });
  return out.trim().split('\n').reduce((s, line) => s + Number(line.trim().split(/\s+/)[2]), 0);
}

const ring = (v: readonly LonLat[]) => ({ type: 'Polygon' as const, coordinates: [[...v, v[0] as LonLat].map((p) => [p[0], p[1]])] });

describe('measureFigures', () => {
  it('an area is the Planimeter’s geodesic area on CGCS2000 to 0.01 m², in mu at 15/10000', () => {
    for (const shape of [PENTAGON, STRIP, [...PENTAGON].reverse()]) {
      const f = measureFigures('area', shape);
      const [oracle] = planimeterAreasM2([ring(shape)]);
      expect(Math.abs((f.areaM2 ?? NaN) - (oracle ?? NaN))).toBeLessThan(0.01);
      expect(f.areaMu).toBeCloseTo(((f.areaM2 ?? 0) * 15) / 10000, 9);
      // The perimeter closes the ring.
      expect(f.lengthM).toBeCloseTo(geodSolveM([...shape, shape[0] as LonLat]), 6);
    }
  });

  it('a distance is GeodSolve’s geodesic length along the clicked path, and has no area', () => {
    const f = measureFigures('distance', PENTAGON);
    expect(Math.abs(f.lengthM - geodSolveM(PENTAGON))).toBeLessThan(1e-6);
    expect(f.areaM2).toBeNull();
    expect(measureFigures('distance', PENTAGON.slice(0, 1)).lengthM).toBe(0);
    expect(measureFigures('area', PENTAGON.slice(0, 2)).areaM2).toBe(0);
  });

  it('formats metres to 0.01 under a kilometre and kilometres to the metre above', () => {
    expect(formatLength(0)).toBe('0.00 m');
    expect(formatLength(999.994)).toBe('999.99 m');
    expect(formatLength(1234.5678)).toBe('1.235 km');
  });
});

describe('coordinate readout', () => {
  it('lon/lat → EPSG:4549 equals gdaltransform and cs2cs to 0.01 m', () => {
    const points: LonLat[] = [[120.03, 28.9], [119.888412, 28.796919], [120.225853, 29.037397], [120.0, 29.1], [118.6, 28.0]];
    const gdal = execFileSync('gdaltransform', ['-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:4549', '-output_xy'], {
      input: points.map((p) => `${p[0]} ${p[1]}`).join('\n') + '\n',
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).map(Number));
    // cs2cs keeps EPSG's axis order: latitude first in, northing first out.
    const proj = execFileSync('cs2cs', ['-f', '%.6f', 'EPSG:4490', 'EPSG:4549'], { input: points.map((p) => `${p[1]} ${p[0]}`).join('\n') + '\n', encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).map(Number));
    points.forEach((p, i) => {
      const gk = lonLatToGk(p[0], p[1]);
      expect(Math.abs(gk.easting - (gdal[i]?.[0] ?? NaN))).toBeLessThan(0.01);
      expect(Math.abs(gk.northing - (gdal[i]?.[1] ?? NaN))).toBeLessThan(0.01);
      expect(Math.abs(gk.northing - (proj[i]?.[0] ?? NaN))).toBeLessThan(0.01);
      expect(Math.abs(gk.easting - (proj[i]?.[1] ?? NaN))).toBeLessThan(0.01);
    });
  });

  it('shows degrees to 6 decimals and metres to 2, a dash for what cannot be computed', () => {
    expect(formatDegrees(120.0300004)).toBe('120.030000');
    expect(formatMetres(502925.976385)).toBe('502925.98');
    expect(formatMetres(NaN)).toBe('—');
  });
});

describe('measure sketch', () => {
  it('adds clicked vertices, ignores the second click of a double-click, finishes and starts anew', () => {
    let s = emptyMeasure('area');
    s = addVertex(s, [120, 28.9], false);
    s = addVertex(s, [120.01, 28.9], false);
    s = addVertex(s, [120.01, 28.9], true);
    expect(s.vertices).toHaveLength(2);
    // An area needs three vertices before a double-click can finish it.
    expect(finish(s).finished).toBe(false);
    s = moveCursor(addVertex(s, [120.01, 28.91], false), [120.005, 28.92]);
    expect(sketchVertices(s)).toHaveLength(4);
    s = finish(s);
    expect(s.finished).toBe(true);
    expect(sketchVertices(s)).toHaveLength(3);
    expect(moveCursor(s, [121, 29])).toBe(s);
    s = addVertex(s, [120.2, 28.95], false);
    expect(s).toMatchObject({ finished: false, vertices: [[120.2, 28.95]] });
    expect(finish(addVertex(emptyMeasure('distance'), [120, 28.9], false)).finished).toBe(false);
  });
});

describe('box and lasso selection state', () => {
  it('replaces the selection, or adds to the selected parcels when additive; the last parcel is the primary', () => {
    const two = withParcels(EMPTY_SELECTION, [5, 9], false);
    expect(two).toEqual({ primary: { layer: 'parcels', id: 9 }, parcels: [5, 9] });
    expect(withParcels(two, [9, 12], true).parcels).toEqual([5, 9, 12]);
    expect(withParcels(two, [12], false).parcels).toEqual([12]);
    expect(withParcels(two, [], false)).toEqual(EMPTY_SELECTION);
    expect(withParcels(two, [], true)).toBe(two);
    // A selected block is replaced, not added to.
    const block: SelectionState = { primary: { layer: 'key_blocks', id: 3 }, parcels: [] };
    expect(withParcels(block, [7], true)).toEqual({ primary: { layer: 'parcels', id: 7 }, parcels: [7] });
  });
});

describe('pickFeature (what a map click selects)', () => {
  // The points' coordinates stand for their screen pixels here (project = identity).
  const project = ([x, y]: [number, number]) => ({ x, y });
  const point = (id: number, x: number, y: number): FeatureHit => ({ id, source: 'projects', layer: { id: 'projects-circle', type: 'circle' }, geometry: { type: 'Point', coordinates: [x, y] } });
  const parcel: FeatureHit = { id: 7, source: 'parcels', layer: { id: 'parcels-fill', type: 'fill' }, geometry: { type: 'Polygon', coordinates: [] } };

  it('a click on a point under a neighbour’s circle picks the point nearest the click, not the circle drawn on top', () => {
    // Project 11 is drawn over project 4 (queryRenderedFeatures lists it first); the click is on 4's centre.
    const hits = [point(11, 100, 92), point(4, 100, 100), parcel];
    expect(pickFeature(hits, { x: 100, y: 100 }, project)).toEqual({ layer: 'projects', id: 4 });
    expect(pickFeature(hits, { x: 100, y: 93 }, project)).toEqual({ layer: 'projects', id: 11 });
    // A tie keeps the drawing order.
    expect(pickFeature(hits, { x: 100, y: 96 }, project)).toEqual({ layer: 'projects', id: 11 });
  });

  it('otherwise the topmost selectable hit wins: polygons and lines keep the drawing order, unknown sources and ids are passed over', () => {
    const road: FeatureHit = { id: 3, source: 'transport', layer: { id: 'transport-line', type: 'line' }, geometry: { type: 'LineString', coordinates: [] } };
    expect(pickFeature([road, parcel], { x: 0, y: 0 }, project)).toEqual({ layer: 'transport', id: 3 });
    const overlay: FeatureHit = { id: 1, source: 'measure', layer: { id: 'measure-fill', type: 'fill' }, geometry: { type: 'Polygon', coordinates: [] } };
    const unnamed: FeatureHit = { source: 'projects', layer: { id: 'projects-circle', type: 'circle' }, geometry: { type: 'Point', coordinates: [0, 0] } };
    expect(pickFeature([overlay, unnamed, parcel], { x: 0, y: 0 }, project)).toEqual({ layer: 'parcels', id: 7 });
    // A point below the top (polygon) layer does not win by being near.
    expect(pickFeature([parcel, point(4, 0, 0)], { x: 0, y: 0 }, project)).toEqual({ layer: 'parcels', id: 7 });
    expect(pickFeature([], { x: 0, y: 0 }, project)).toBeNull();
  });
});

describe('selectionKey (the bulk card asks again only for another selection)', () => {
  it('names a list of fids by length, ends and content, in order', () => {
    const big = Array.from({ length: 50_000 }, (_, i) => i + 1);
    expect(selectionKey(big)).toBe(selectionKey([...big]));
    expect(selectionKey(big).length).toBeLessThan(40);
    const swapped = [...big];
    [swapped[10], swapped[11]] = [swapped[11] as number, swapped[10] as number];
    expect(selectionKey(swapped)).not.toBe(selectionKey(big));
    expect(selectionKey([1, 2, 3])).not.toBe(selectionKey([1, 2, 4]));
    expect(selectionKey([256])).not.toBe(selectionKey([1]));
  });
});
