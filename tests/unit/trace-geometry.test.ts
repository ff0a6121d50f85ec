import { describe, expect, it } from 'vitest';
import type { Geometry } from '../../shared/api/geojson.js';
import { bboxOf, centroidOf, distanceToLineM, geodesicDistanceM, metresPerDegree } from '../../electron/core/trace/geometry.js';

const square = (x0: number, y0: number, s: number, ccw = true): number[][] => {
  const r = [[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]];
  return ccw ? r : r.reverse();
};

/** A small deterministic PRNG (mulberry32) for repeatable random cases. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('centroidOf', () => {
  it('is the centre of a square, whatever the ring orientation', () => {
    for (const ccw of [true, false]) {
      const [x, y] = centroidOf({ type: 'Polygon', coordinates: [square(120, 29, 0.002, ccw)] });
      expect(x).toBeCloseTo(120.001, 12);
      expect(y).toBeCloseTo(29.001, 12);
    }
  });

  it('subtracts holes (hand-computed: a 4×4 square without its 2×2 corner → 7/3, 7/3)', () => {
    for (const holeCcw of [true, false]) {
      const g: Geometry = { type: 'Polygon', coordinates: [square(0, 0, 4), square(0, 0, 2, holeCcw)] };
      const [x, y] = centroidOf(g);
      expect(x).toBeCloseTo(7 / 3, 12);
      expect(y).toBeCloseTo(7 / 3, 12);
    }
  });

  it('weights the parts of a multipolygon by area', () => {
    const g: Geometry = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(10, 0, 2)]] };
    // areas 1 and 4, centres x = 0.5 and 11 → (0.5 + 44) / 5
    expect(centroidOf(g)[0]).toBeCloseTo(44.5 / 5, 12);
    expect(bboxOf(g)).toEqual([0, 0, 12, 2]);
  });
});

describe('distanceToLineM', () => {
  it('is the geodesic distance to a vertex when the nearest point is an end', () => {
    const line: Geometry = { type: 'LineString', coordinates: [[120.01, 28.9], [120.02, 28.91]] };
    expect(distanceToLineM([120.0, 28.9], line)).toBeCloseTo(geodesicDistanceM([120.0, 28.9], [120.01, 28.9]), 9);
  });

  it('matches a brute-force geodesic search along the segments to 1 cm within 3 km', () => {
    const next = rng(7);
    const mpd = metresPerDegree(28.9);
    for (let i = 0; i < 20; i++) {
      const p: [number, number] = [120 + next() * 0.05, 28.88 + next() * 0.05];
      const coords = Array.from({ length: 4 }, () => [p[0] + ((next() - 0.5) * 4000) / mpd.lon, p[1] + ((next() - 0.5) * 4000) / mpd.lat]);
      const g: Geometry = { type: 'MultiLineString', coordinates: [coords] };
      let brute = Infinity;
      for (let k = 0; k + 1 < coords.length; k++) {
        const a = coords[k] as number[];
        const b = coords[k + 1] as number[];
        const n = Math.ceil(geodesicDistanceM(a, b) / 0.5);
        for (let j = 0; j <= n; j++) {
          const t = j / n;
          brute = Math.min(brute, geodesicDistanceM(p, [(a[0] as number) + t * ((b[0] as number) - (a[0] as number)), (a[1] as number) + t * ((b[1] as number) - (a[1] as number))]));
        }
      }
      const d = distanceToLineM(p, g);
      expect(Math.abs(d - brute), `case ${i}`).toBeLessThan(0.01);
    }
  });
});
