/**
 * Planar helpers for the generator. Shapes are built in metres in a local frame centred on 永康
 * (x east, y north from CITY_CENTER) and converted to CGCS2000 lon/lat at the end. Areas that are
 * reported are always recomputed on the ellipsoid (shared/domain/area.ts); the planar ones here
 * only steer sizes.
 */
import type { Rng } from './prng.js';

export type Xy = readonly [number, number];
export type LonLat = [number, number];

/** 永康 city centre (CGCS2000, EPSG:4490). */
export const CITY_CENTER = { lon: 120.03, lat: 28.9 } as const;
/** The city's rough extent: every generated coordinate stays inside it. */
export const CITY_EXTENT = { minLon: 119.85, minLat: 28.75, maxLon: 120.3, maxLat: 29.1 } as const;

const A = 6378137;
const F = 1 / 298.257222101;
const E2 = F * (2 - F);

function meridianRadius(latRad: number): number {
  const s = Math.sin(latRad);
  return (A * (1 - E2)) / Math.pow(1 - E2 * s * s, 1.5);
}

function primeVerticalRadius(latRad: number): number {
  const s = Math.sin(latRad);
  return A / Math.sqrt(1 - E2 * s * s);
}

const DEG = Math.PI / 180;
const LAT0 = CITY_CENTER.lat * DEG;

/** Local metres → lon/lat degrees, rounded to 1e-8° (about 1 mm). */
export function toLonLat(p: Xy): LonLat {
  const midLat = LAT0 + p[1] / 2 / meridianRadius(LAT0);
  const lat = LAT0 + p[1] / meridianRadius(midLat);
  const lon = CITY_CENTER.lon * DEG + p[0] / (primeVerticalRadius(lat) * Math.cos(lat));
  return [round8(lon / DEG), round8(lat / DEG)];
}

/** Lon/lat degrees → local metres (inverse of toLonLat, for placing things given in degrees). */
export function fromLonLat(lon: number, lat: number): Xy {
  const latRad = lat * DEG;
  const midLat = (LAT0 + latRad) / 2;
  const y = (latRad - LAT0) * meridianRadius(midLat);
  const x = (lon - CITY_CENTER.lon) * DEG * primeVerticalRadius(latRad) * Math.cos(latRad);
  return [x, y];
}

function round8(v: number): number {
  return Math.round(v * 1e8) / 1e8;
}

/** Closes a ring in lon/lat (first point repeated at the end). */
export function closedLonLatRing(ring: readonly Xy[]): LonLat[] {
  const out = ring.map(toLonLat);
  out.push([out[0]![0], out[0]![1]]);
  return out;
}

/** Signed shoelace area in m² (positive when counter-clockwise). */
export function signedArea(ring: readonly Xy[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

export function centroidOf(ring: readonly Xy[]): Xy {
  let x = 0;
  let y = 0;
  for (const p of ring) {
    x += p[0];
    y += p[1];
  }
  return [x / ring.length, y / ring.length];
}

export function distance(a: Xy, b: Xy): number {
  const dx = a[0] - b[0];
  const dy = a[1] - b[1];
  return Math.sqrt(dx * dx + dy * dy);
}

export function rotate(p: Xy, angleRad: number, about: Xy = [0, 0]): Xy {
  const c = Math.cos(angleRad);
  const s = Math.sin(angleRad);
  const dx = p[0] - about[0];
  const dy = p[1] - about[1];
  return [about[0] + c * dx - s * dy, about[1] + s * dx + c * dy];
}

/** Scales a ring about a point (used for the inner ring of parcels with a hole). */
export function scaleRing(ring: readonly Xy[], factor: number, about: Xy): Xy[] {
  return ring.map((p) => [about[0] + (p[0] - about[0]) * factor, about[1] + (p[1] - about[1]) * factor] as const);
}

/** Ray-casting point-in-polygon for an open ring. */
export function pointInRing(p: Xy, ring: readonly Xy[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) {
      inside = !inside;
    }
  }
  return inside;
}

function orient(a: Xy, b: Xy, c: Xy): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/** True when segments ab and cd cross or touch. */
export function segmentsIntersect(a: Xy, b: Xy, c: Xy, d: Xy): boolean {
  const d1 = orient(c, d, a);
  const d2 = orient(c, d, b);
  const d3 = orient(a, b, c);
  const d4 = orient(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  const onSeg = (p: Xy, q: Xy, r: Xy): boolean =>
    Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  return (
    (d1 === 0 && onSeg(c, d, a)) || (d2 === 0 && onSeg(c, d, b)) || (d3 === 0 && onSeg(a, b, c)) || (d4 === 0 && onSeg(a, b, d))
  );
}

/** True when any edge of ring p crosses any edge of ring q. */
export function ringsCross(p: readonly Xy[], q: readonly Xy[]): boolean {
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    const b = p[(i + 1) % p.length]!;
    for (let j = 0; j < q.length; j++) {
      if (segmentsIntersect(a, b, q[j]!, q[(j + 1) % q.length]!)) return true;
    }
  }
  return false;
}

/** True when the ring has no two non-adjacent edges that touch (a simple polygon). */
export function isSimpleRing(ring: readonly Xy[]): boolean {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsIntersect(ring[i]!, ring[(i + 1) % n]!, ring[j]!, ring[(j + 1) % n]!)) return false;
    }
  }
  return true;
}

/**
 * An irregular star-shaped ring (counter-clockwise) around `center` with the given area in m².
 * Angles strictly increase around the centre and every radius is positive, so the ring is simple.
 */
export function starRing(rng: Rng, center: Xy, areaM2: number, vertices: number, roughness = 0.3, maxElongation = 1): Xy[] {
  const phase = rng.range(0, 2 * Math.PI);
  const raw: Xy[] = [];
  for (let i = 0; i < vertices; i++) {
    const angle = phase + ((i + rng.range(-0.3, 0.3)) / vertices) * 2 * Math.PI;
    const r = 1 + rng.range(-roughness, roughness);
    raw.push([Math.cos(angle) * r, Math.sin(angle) * r]);
  }
  // Stretch along a random axis (an area-preserving affine map keeps the ring simple).
  const e = Math.sqrt(rng.range(1, maxElongation));
  const axis = rng.range(0, Math.PI);
  const stretched = raw.map((p) => rotate([p[0] * e, p[1] / e], axis));
  const k = Math.sqrt(areaM2 / signedArea(stretched));
  return stretched.map((p) => [center[0] + p[0] * k, center[1] + p[1] * k] as const);
}

/** Largest distance from `center` to a vertex of the ring. */
export function maxRadius(ring: readonly Xy[], center: Xy): number {
  return ring.reduce((m, p) => Math.max(m, distance(p, center)), 0);
}

/** Random point inside a ring (rejection sampling in its bounding box). */
export function randomPointIn(rng: Rng, ring: readonly Xy[], inset: (p: Xy) => boolean = () => true): Xy {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (let i = 0; i < 10000; i++) {
    const p: Xy = [rng.range(x0, x1), rng.range(y0, y1)];
    if (pointInRing(p, ring) && inset(p)) return p;
  }
  return centroidOf(ring);
}
