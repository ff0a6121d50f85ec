import { describe, expect, it } from 'vitest';
import type { Geometry } from '../../shared/api/geojson.js';
import { CGCS2000_A, CGCS2000_F, ringAreaM2 } from '../../shared/domain/area.js';
import { geodesicAreaS12 } from '../../shared/domain/geodesic-area.js';
import { Geodesic } from '../../shared/domain/geographiclib.js';
import { mulberry32 } from '../../gis-data/generator/prng.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';

// geodesicAreaS12 is GeographicLib's Geodesic.Inverse (AREA) ported to compute S12 without
// allocating. Oracles: the library itself (geographiclib-geodesic) edge by edge, and the C++
// Planimeter (geographiclib-tools) ring by ring.

const geod = new Geodesic.Geodesic(CGCS2000_A, CGCS2000_F);
const MASK = Geodesic.AREA | Geodesic.LONG_UNROLL;
const libraryS12 = (lat1: number, lon1: number, lat2: number, lon2: number): number =>
  geod.Inverse(lat1, lon1, lat2, lon2, MASK).S12 as number;

/** A small seeded generator (the sample generator's), so that a failure can be replayed. */
const rng = mulberry32;

type Edge = [lat1: number, lon1: number, lat2: number, lon2: number];
const clampLat = (x: number): number => Math.max(-90, Math.min(90, x));

/** The point about `m` metres from (lat, lon) at azimuth `az` (a flat approximation is enough here). */
function offset(lat: number, lon: number, m: number, az: number): [number, number] {
  const dlat = (m * Math.cos(az)) / 110_900;
  const dlon = (m * Math.sin(az)) / (111_320 * Math.max(1e-6, Math.cos((lat * Math.PI) / 180)));
  return [clampLat(lat + dlat), lon + dlon];
}

const SPECIAL = [0, -0, 1e-300, -1e-20, 1e-9, 15, -15, 30, -30, 45, -45, 60, -60, 89.99999999, -90, 90, 120, 135, 180, -180, 360, -540];

/** Edges of the kinds listed in `kinds`, `perKind` of each. */
function edges(perKind: number, seed: number): { kind: string; edge: Edge }[] {
  const r = rng(seed);
  const u = (a: number, b: number): number => a + (b - a) * r();
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const kinds: Record<string, () => Edge> = {
    // Parcel edges, 10–500 m, around 永康 (120°E 29°N); a tenth under 1 m (Inverse's "really short" lines).
    parcel: () => {
      const lat = u(28.5, 29.3);
      const lon = u(119.6, 120.4);
      return [lat, lon, ...offset(lat, lon, r() < 0.1 ? u(0.001, 1) : u(10, 500), u(0, 2 * Math.PI))];
    },
    km: () => {
      const lat = u(-85, 85);
      const lon = u(-180, 180);
      return [lat, lon, ...offset(lat, lon, u(1_000, 20_000), u(0, 2 * Math.PI))];
    },
    thousandKm: () => {
      const lat = u(-80, 80);
      const lon = u(-180, 180);
      return [lat, lon, ...offset(lat, lon, u(300_000, 3_000_000), u(0, 2 * Math.PI))];
    },
    global: () => [u(-90, 90), u(-180, 180), u(-90, 90), u(-180, 180)],
    // Same longitude, or opposite ones (over the pole), or one unrolled by 360°.
    meridional: () => {
      const lon = u(-180, 180);
      return [u(-90, 90), lon, u(-90, 90), lon + pick([0, 0, 180, -180, 360])];
    },
    // On or within a hair of the equator (AngRound), up to and past lon12 = 180 - f·180.
    equatorial: () => {
      const lon = u(-180, 180);
      return [pick([0, -0, 0, 1e-20, -1e-12, 1e-5]), lon, pick([0, -0, 1e-18, -1e-7]), lon + pick([u(-10, 10), u(179, 180), -u(179.3, 180)])];
    },
    nearAntipodal: () => {
      const lat = u(-90, 90);
      const lon = u(-180, 180);
      return [lat, lon, clampLat(-lat + u(-1, 1) * pick([1, 1e-3, 1e-7, 0])), lon + 180 + u(-2, 2) * pick([1, 1e-2, 1e-6, 0])];
    },
    // Exactly opposite latitudes with lon12 near 180° - f·180°·cos(beta): InverseStart's strip near
    // the cut (x within -1 - xthresh) and the astroid just outside it.
    antipodalCut: () => {
      const lat = u(-89, 89);
      const cbet = Math.cos(Math.atan((1 - CGCS2000_F) * Math.tan((lat * Math.PI) / 180)));
      const lon = u(-180, 180);
      const lon12 = 180 - CGCS2000_F * 180 * cbet * (1 - 0.00084 * (1 - cbet * cbet)) * (1 + u(-1e-3, 1e-3));
      return [lat, lon, -lat, lon + lon12 * pick([1, -1])];
    },
    polar: () => {
      const pole = pick([90, -90]);
      const lat1 = pick([pole, pole - Math.sign(pole) * u(0, 1e-6), pole - Math.sign(pole) * u(0, 2)]);
      return [lat1, u(-180, 180), pick([pole, -pole, u(-90, 90), pole - Math.sign(pole) * u(0, 0.5)]), u(-180, 180)];
    },
    // Across ±180° and the prime meridian, short and long, with longitudes also outside [-180, 180].
    crossing: () => {
      const lat = u(-89, 89);
      const d = pick([u(1e-6, 1e-3), u(1e-3, 1), u(1, 60)]);
      const base = pick([180, -180, 0, 540, -900]);
      return [lat, base - d * u(0, 1), clampLat(lat + u(-1, 1) * d), base + d * u(0, 1)];
    },
    // Special angles (exact multiples of 15°, ±0, tiny) and zero-length edges.
    special: () => {
      const lat1 = clampLat(pick(SPECIAL));
      const lon1 = pick(SPECIAL);
      if (r() < 0.2) return [lat1, lon1, lat1, lon1];
      return [lat1, lon1, r() < 0.5 ? clampLat(pick(SPECIAL)) : u(-90, 90), r() < 0.5 ? pick(SPECIAL) : u(-180, 180)];
    },
  };
  const out: { kind: string; edge: Edge }[] = [];
  for (const [kind, make] of Object.entries(kinds)) for (let i = 0; i < perKind; i++) out.push({ kind, edge: make() });
  return out;
}

describe('geodesicAreaS12 against geographiclib-geodesic Inverse(AREA).S12', () => {
  const all = edges(25_000, 20_240_529);
  const results = all.map(({ kind, edge }) => ({ kind, edge, ours: geodesicAreaS12(...edge), lib: libraryS12(...edge) }));

  it('covers 275,000 edges of every kind, each within 1e-9 relative or 1e-6 m²', () => {
    expect(results.length).toBe(275_000);
    const off = results.filter(({ ours, lib }) => {
      if (Object.is(ours, lib)) return false;
      const d = Math.abs(ours - lib);
      return !(d <= 1e-6 || d <= 1e-9 * Math.abs(lib));
    });
    expect(off.slice(0, 5)).toEqual([]);
  });

  it('is the library to the last bit (same operations in the same order)', () => {
    const differing = results.filter(({ ours, lib }) => !Object.is(ours, lib));
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it('is NaN where the library is: latitudes outside [-90°, 90°], NaN coordinates', () => {
    const bad: Edge[] = [
      [91, 0, 0, 1],
      [0, 0, -90.5, 1],
      [NaN, 0, 10, 10],
      [10, 10, NaN, 0],
      [10, NaN, 11, 10],
      [10, 10, 11, Infinity],
    ];
    for (const e of bad) expect([e, geodesicAreaS12(...e)]).toEqual([e, libraryS12(...e)]);
    expect(bad.every((e) => Number.isNaN(geodesicAreaS12(...e)))).toBe(true);
  });
});

type Ring = number[][];
const closed = (pts: Ring): Ring => [...pts, pts[0]!];
const polygon = (ring: Ring): Geometry => ({ type: 'Polygon', coordinates: [ring] });

/** A star-shaped ring of `n` vertices around (lat, lon), `radius` metres away at most, via Direct. */
function starRing(r: () => number, lat: number, lon: number, n: number, radius: number): Ring {
  const az = Array.from({ length: n }, () => r() * 360).sort((a, b) => a - b);
  const pts = az.map((a) => {
    const p = geod.Direct(lat, lon, a, radius * (0.4 + 0.6 * r()));
    return [p.lon2 as number, p.lat2 as number];
  });
  return closed(r() < 0.5 ? pts : pts.reverse());
}

describe('ringAreaM2 against GeographicLib Planimeter (C++)', () => {
  it('parcels near 永康 to 0.01 m²', () => {
    const r = rng(7);
    const rings = Array.from({ length: 3_000 }, () => starRing(r, 28.5 + 0.8 * r(), 119.6 + 0.8 * r(), 4 + Math.floor(r() * 5), 15 + 300 * r()));
    const oracle = planimeterAreasM2(rings.map(polygon));
    const off = rings
      .map((ring, i) => ({ ring, ours: ringAreaM2(ring), planimeter: oracle[i]! }))
      .filter(({ ours, planimeter }) => !(Math.abs(ours - planimeter) <= 0.01));
    expect(off.slice(0, 3)).toEqual([]);
    expect(oracle.every((a) => a > 0)).toBe(true);
  });

  it('large rings (key blocks, 1000 km, across ±180° and 0°, the equator, around the poles) to 1e-9 relative', () => {
    const r = rng(11);
    const u = (a: number, b: number): number => a + (b - a) * r();
    const rings: Ring[] = [];
    for (let i = 0; i < 200; i++) rings.push(starRing(r, u(28.6, 29.2), u(119.8, 120.3), 6 + Math.floor(r() * 35), u(500, 5_000)));
    for (let i = 0; i < 150; i++) rings.push(starRing(r, u(-70, 70), u(-180, 180), 5 + Math.floor(r() * 16), u(100_000, 1_500_000)));
    for (const lon of [180, -180, 0]) for (let i = 0; i < 40; i++) rings.push(starRing(r, u(-60, 60), lon + u(-1, 1), 5 + Math.floor(r() * 10), u(1_000, 2_000_000)));
    for (let i = 0; i < 40; i++) rings.push(starRing(r, u(-0.5, 0.5), u(-180, 180), 5 + Math.floor(r() * 10), u(1_000, 3_000_000)));
    for (let i = 0; i < 30; i++) rings.push(starRing(r, u(-89.9, -80) * (r() < 0.5 ? 1 : -1), u(-180, 180), 5 + Math.floor(r() * 10), u(10_000, 500_000)));
    for (let i = 0; i < 20; i++) rings.push(starRing(r, u(-60, 60), u(-180, 180), 8 + Math.floor(r() * 20), u(4_000_000, 8_000_000)));
    // Rings around a pole (every edge heads east), and lat/lon boxes with meridional and equatorial edges.
    for (let i = 0; i < 30; i++) {
      const n = 3 + Math.floor(r() * 30);
      const lat = u(45, 89.99) * (r() < 0.5 ? 1 : -1);
      const lon0 = u(-180, 180);
      rings.push(closed(Array.from({ length: n }, (_, k) => [lon0 + (360 * k) / n - (lon0 + (360 * k) / n > 180 ? 360 : 0), lat])));
    }
    const boxes: [number, number, number, number][] = [[0, 0, 10, 10], [-10, -5, 10, 5], [170, -1, -170, 1], [-1, 0, 1, 60], [100, -80, 130, 0], [0, 0, 120, 1], [-60, -89, 60, 89]];
    for (const [x0, y0, x1, y1] of boxes) rings.push(closed([[x0, y0], [x1, y0], [x1, y1], [x0, y1]]));
    const oracle = planimeterAreasM2(rings.map(polygon));
    const off = rings
      .map((ring, i) => ({ ring, ours: ringAreaM2(ring), planimeter: oracle[i]! }))
      .filter(({ ours, planimeter }) => !(Math.abs(ours - planimeter) <= 1e-9 * planimeter));
    expect(off.slice(0, 3)).toEqual([]);
    expect(rings.length).toBe(597);
  });
});
