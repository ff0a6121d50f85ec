import { describe, expect, it } from 'vitest';
import type { Geometry } from '../../shared/api/geojson.js';
import { checkGeometry, isValid, repairGeometry, type ValidityCode } from '../../shared/geo/validity.js';
import { geosValidity, toWkt } from '../helpers/spatialite-oracle.js';

type Poly = Extract<Geometry, { type: 'Polygon' }>;
type Multi = Extract<Geometry, { type: 'MultiPolygon' }>;
const P = (...rings: number[][][]): Poly => ({ type: 'Polygon', coordinates: rings });
const M = (...polys: number[][][][]): Multi => ({ type: 'MultiPolygon', coordinates: polys });
const codes = (g: Geometry): ValidityCode[] => checkGeometry(g).map((i) => i.code);

/** A square ring around (cx, cy) with half-side r, counter-clockwise, closed. */
const sq = (cx: number, cy: number, r: number): number[][] => [[cx - r, cy - r], [cx + r, cy - r], [cx + r, cy + r], [cx - r, cy + r], [cx - r, cy - r]];
const cw = (ring: number[][]): number[][] => [...ring].reverse();
/** A circle-like ring of n vertices near 永康 (lon/lat), closed; reverse for clockwise. */
function circle(n: number, r: number, cx = 120.03, cy = 28.9): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    out.push([cx + r * Math.cos(a) * (1 + 0.05 * Math.sin(7 * a)), cy + r * Math.sin(a)]);
  }
  out.push([...(out[0] as number[])]);
  return out;
}

const bowTie = P([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]);
const degenerate = P([[0, 0], [1, 0], [2, 0], [0, 0]]);
const holeOutside = P(sq(0, 0, 10), cw(sq(20, 20, 1)));
const nestedHoles = P(sq(0, 0, 10), cw(sq(0, 0, 5)), cw(sq(0, 0, 2)));
const overlappingShells = M([sq(0, 0, 2)], [sq(3, 0, 2)]);
const nestedShells = M([sq(0, 0, 10)], [sq(0, 0, 2)]);
const islandInHole = M([sq(0, 0, 10), cw(sq(0, 0, 5))], [sq(0, 0, 2)]);
const holeCrossesShell = P(sq(0, 0, 10), cw(sq(10, 0, 2)));
const holeTouchesShell = P(sq(0, 0, 10), [[-10, 0], [-5, 2], [-5, -2], [-10, 0]]);
const holeTouchesTwice = P(sq(0, 0, 10), [[-10, 0], [0, 5], [10, 0], [0, -5], [-10, 0]]);
const spike = P([[0, 0], [10, 0], [10, 10], [5, 10], [5, 15], [5, 10], [0, 10], [0, 0]]);
const selfTouch = P([[0, 0], [10, 0], [5, 5], [10, 10], [0, 10], [5, 5], [0, 0]]);
const withDuplicates = P([[0, 0], [1, 0], [1, 0], [1, 1], [0, 1], [0, 1], [0, 0]]);
const bigWithHole = P(circle(3000, 0.01), cw(circle(1000, 0.004)));

describe('checkGeometry', () => {
  it('accepts a valid polygon with a hole and many vertices, quickly', () => {
    const t0 = performance.now();
    expect(checkGeometry(bigWithHole)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('finds a bow-tie and where it crosses', () => {
    const [i] = checkGeometry(bowTie);
    expect(i?.code).toBe('self_intersection');
    expect(i?.at?.[0]).toBeCloseTo(0.5, 12);
    expect(i?.at?.[1]).toBeCloseTo(0.5, 12);
    expect(i?.reasonZh).toContain('自相交');
  });

  it('finds one crossing in a 3000-vertex ring (sweep, not all pairs)', () => {
    const ring = circle(3000, 0.01);
    // Swap two neighbouring vertices: their edges now cross.
    const a = ring[1500] as number[];
    ring[1500] = ring[1501] as number[];
    ring[1501] = a;
    const t0 = performance.now();
    expect(codes(P(ring))).toEqual(['self_intersection']);
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('reports unclosed, too few points, degenerate, non-finite and empty', () => {
    expect(codes(P([[0, 0], [1, 0], [1, 1], [0, 1]]))).toEqual(['unclosed_ring']);
    expect(codes(P([[0, 0], [1, 0], [0, 0]]))).toEqual(['too_few_points']);
    expect(codes(degenerate)).toEqual(['degenerate_ring']);
    expect(codes(P([[0, 0], [1, Number.NaN], [1, 1], [0, 0]]))).toEqual(['non_finite']);
    expect(codes(P([]))).toEqual(['empty']);
    expect(codes(M())).toEqual(['empty']);
  });

  it('reports wrong nesting and crossing rings', () => {
    expect(codes(holeOutside)).toEqual(['hole_outside_shell']);
    expect(codes(nestedHoles)).toEqual(['nested_holes']);
    expect(codes(nestedShells)).toEqual(['nested_shells']);
    expect(codes(overlappingShells)).toEqual(['ring_intersection']);
    expect(codes(holeCrossesShell)).toEqual(['ring_intersection']);
    expect(codes(holeTouchesTwice)).toEqual(['ring_intersection']);
    expect(checkGeometry(overlappingShells)[0]).toMatchObject({ part: 1, ring: 0 });
  });

  it('accepts a hole touching its shell at one point and an island in a hole', () => {
    expect(checkGeometry(holeTouchesShell)).toEqual([]);
    expect(checkGeometry(islandInHole)).toEqual([]);
  });

  it('flags spikes and self-touching rings', () => {
    expect(codes(spike)).toEqual(['self_intersection']);
    expect(codes(selfTouch)).toEqual(['self_intersection']);
  });

  it('treats repeated consecutive points as a warning only', () => {
    expect(checkGeometry(withDuplicates).map((i) => [i.code, i.severity])).toEqual([['duplicate_consecutive_points', 'warning']]);
    expect(isValid(withDuplicates)).toBe(true);
  });

  it('does not call rounding noise a crossing (collinear vertex at lon/lat magnitude)', () => {
    const e = 1e-15;
    expect(isValid(P([[120.03, 28.9], [120.035, 28.9 + e], [120.04, 28.9], [120.04, 28.91], [120.03, 28.91], [120.03, 28.9]]))).toBe(true);
  });

  it('checks lines and points', () => {
    expect(codes({ type: 'LineString', coordinates: [[0, 0], [0, 0]] })).toEqual(['duplicate_consecutive_points', 'too_few_points']);
    expect(codes({ type: 'Point', coordinates: [Number.POSITIVE_INFINITY, 0] })).toEqual(['non_finite']);
    expect(isValid({ type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]]] })).toBe(true);
  });
});

describe('agrees with GEOS (SpatiaLite ST_IsValid) as an oracle', () => {
  const named: [string, Poly | Multi][] = [
    ['bow-tie', bowTie], ['degenerate', degenerate], ['hole outside shell', holeOutside], ['nested holes', nestedHoles],
    ['overlapping shells', overlappingShells], ['nested shells', nestedShells], ['island in hole', islandInHole],
    ['hole crosses shell', holeCrossesShell], ['hole touches shell once', holeTouchesShell], ['hole touches twice', holeTouchesTwice],
    ['spike', spike], ['self-touch', selfTouch], ['duplicates', withDuplicates], ['big with hole', bigWithHole],
    ['square', P(sq(120.03, 28.9, 0.001))], ['shells touching at a corner', M([sq(0, 0, 1)], [sq(2, 2, 1)])],
    ['shells sharing an edge', M([sq(0, 0, 1)], [sq(2, 0, 1)])],
  ];

  it('on hand-made cases', () => {
    const geos = geosValidity(named.map(([, g]) => toWkt(g)));
    const rows = named.map(([name, g], i) => ({ name, ours: isValid(g), geos: geos[i]?.valid, reason: geos[i]?.reason }));
    for (const r of rows) expect({ name: r.name, valid: r.ours }).toEqual({ name: r.name, valid: r.geos });
  });

  it('on 400 random polygons (random vertex order makes most of them cross)', () => {
    let seed = 12345;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const cases: Poly[] = [];
    for (let k = 0; k < 400; k++) {
      const n = 4 + Math.floor(rand() * 8);
      const pts: number[][] = [];
      const star = k % 2 === 0;
      for (let i = 0; i < n; i++) {
        const a = star ? (2 * Math.PI * (i + rand() * 0.8)) / n : rand() * 2 * Math.PI;
        const r = 0.001 + rand() * 0.004;
        pts.push([120.03 + r * Math.cos(a), 28.9 + r * Math.sin(a)]);
      }
      pts.push([...(pts[0] as number[])]);
      cases.push(P(pts));
    }
    const geos = geosValidity(cases.map(toWkt));
    const mismatches = cases.filter((g, i) => isValid(g) !== geos[i]?.valid);
    expect(mismatches).toEqual([]);
    const invalid = geos.filter((g) => !g.valid).length;
    expect(invalid).toBeGreaterThan(100);
    expect(invalid).toBeLessThan(300);
  });
});

describe('repairGeometry', () => {
  it('splits a bow-tie into two valid counter-clockwise triangles', () => {
    const r = repairGeometry(bowTie);
    expect(r?.type).toBe('MultiPolygon');
    expect(r && isValid(r)).toBe(true);
    const parts = (r as Multi).coordinates;
    expect(parts).toHaveLength(2);
    const area = (ring: number[][]): number => ring.slice(0, -1).reduce((s, p, i, a) => {
      const q = a[(i + 1) % a.length] as number[];
      return s + ((p[0] as number) * (q[1] as number) - (q[0] as number) * (p[1] as number)) / 2;
    }, 0);
    expect(parts.map((p) => area(p[0] as number[][]))).toEqual([expect.closeTo(0.25, 12), expect.closeTo(0.25, 12)]);
    expect(geosValidity([toWkt(r as Multi)])[0]?.valid).toBe(true);
  });

  it('closes rings, drops repeated points, rewinds to RFC 7946', () => {
    const r = repairGeometry(P(cw([[0, 0], [1, 0], [1, 0], [1, 1], [0, 1]]), [[0.2, 0.2], [0.4, 0.2], [0.4, 0.4], [0.2, 0.2]])) as Poly;
    expect(r.coordinates[0]).toEqual([[0, 1], [0, 0], [1, 0], [1, 1], [0, 1]]);
    expect(r.coordinates[1]).toEqual([[0.2, 0.2], [0.4, 0.4], [0.4, 0.2], [0.2, 0.2]]);
    expect(checkGeometry(r)).toEqual([]);
  });

  it('drops a zero-area hole, keeps a hole in the right bow-tie loop', () => {
    expect(repairGeometry(P(sq(0, 0, 1), [[0, 0], [0.5, 0], [0.2, 0], [0, 0]]))).toEqual({ type: 'Polygon', coordinates: [sq(0, 0, 1)] });
    const r = repairGeometry(P([[0, 0], [4, 4], [4, 0], [0, 4], [0, 0]], cw(sq(3.3, 2, 0.2)))) as Multi;
    expect(r.coordinates.map((p) => p.length).sort()).toEqual([1, 2]);
  });

  it('returns null for what it will not guess at', () => {
    for (const g of [holeOutside, nestedHoles, overlappingShells, nestedShells, holeCrossesShell, spike, selfTouch, degenerate]) {
      expect(repairGeometry(g)).toBeNull();
    }
    expect(repairGeometry(P([[0, 0], [1, Number.NaN], [1, 1], [0, 0]]))).toBeNull();
  });

  it('repairs a ring that crosses itself twice (three loops) and GEOS agrees', () => {
    const r = repairGeometry(P([[0, 0], [2, 1], [4, 0], [4, 1], [2, 0], [0, 1], [0, 0]]));
    expect(r?.type).toBe('MultiPolygon');
    expect(geosValidity([toWkt(r as Multi)])[0]?.valid).toBe(true);
  });
});
