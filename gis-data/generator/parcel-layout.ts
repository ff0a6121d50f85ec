/**
 * Where the industrial parcels go. Each parcel is a jittered quadrilateral inside one cell of a
 * street grid, so parcels never overlap and every ring is simple (each corner stays in its own
 * quarter of the cell). Key blocks get their own rotated grid; parcels outside the blocks come
 * from one city-wide grid around the town seats and the old industrial renewal zones, kept clear
 * of the blocks. A few cells on a block's edge make parcels that straddle the boundary.
 */
import type { BlockShape } from './blocks.js';
import { CITY_EXTENT, centroidOf, fromLonLat, pointInRing, ringsCross, rotate, signedArea, type Xy } from './geometry.js';
import { TOWN_SEATS } from './places.js';
import type { Rng } from './prng.js';
import type { ZoneShape } from './zones.js';

export interface ParcelShape {
  /** Counter-clockwise open ring, 4 vertices, local metres. */
  outer: Xy[];
  center: Xy;
  areaM2: number;
  block: BlockShape | null;
  straddles: boolean;
}

export interface LayoutOptions {
  parcelCount: number;
  outsideShare: number;
  straddleShare: number;
}

/** 2 亩 … 40 亩 in m² (1 亩 = 10000/15 m²), with a small margin for the ellipsoid. */
const MIN_PARCEL_M2 = 2.02 * (10000 / 15);
const MAX_PARCEL_M2 = 39.6 * (10000 / 15);
const CELL_MIN_M = 50;

interface Cell {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Cell sides in metres: a 3000-parcel sample uses 50–170 m; larger counts use smaller cells. */
function cellMaxM(parcelCount: number): number {
  return Math.max(78, 170 * Math.min(1, Math.sqrt(4000 / Math.max(parcelCount, 1))));
}

/** Consecutive intervals covering [from, to] with widths skewed towards the small end. */
function strips(rng: Rng, from: number, to: number, maxW: number): [number, number][] {
  const out: [number, number][] = [];
  let a = from;
  while (a < to) {
    const w = CELL_MIN_M + (maxW - CELL_MIN_M) * Math.pow(rng.float(), 1.6);
    out.push([a, a + w]);
    a += w;
  }
  return out;
}

/** A quadrilateral inside the cell: streets of 3–6 m on each side, each corner jittered inwards. */
function cellQuad(rng: Rng, c: Cell): Xy[] {
  const m = rng.range(3, 6);
  const x0 = c.x0 + m;
  const x1 = c.x1 - m;
  const y0 = c.y0 + m;
  const y1 = c.y1 - m;
  const w = x1 - x0;
  const h = y1 - y0;
  const j = (): number => rng.range(0, 0.08);
  return [
    [x0 + w * j(), y0 + h * j()],
    [x1 - w * j(), y0 + h * j()],
    [x1 - w * j(), y1 - h * j()],
    [x0 + w * j(), y1 - h * j()],
  ];
}

function sizeOk(areaM2: number): boolean {
  return areaM2 >= MIN_PARCEL_M2 && areaM2 <= MAX_PARCEL_M2;
}

interface BlockCandidates {
  inside: ParcelShape[];
  straddle: ParcelShape[];
}

function blockCandidates(rng: Rng, block: BlockShape, maxW: number): BlockCandidates {
  const angle = rng.range(-0.6, 0.6);
  const half = block.rMax + 20;
  const cols = strips(rng, -half, half, maxW);
  const rows = strips(rng, -half, half, maxW);
  const out: BlockCandidates = { inside: [], straddle: [] };
  for (const [y0, y1] of rows) {
    for (const [x0, x1] of cols) {
      const localCenter: Xy = [(x0 + x1) / 2 + block.center[0], (y0 + y1) / 2 + block.center[1]];
      const center = rotate(localCenter, angle, block.center);
      if (!pointInRing(center, block.ring)) continue;
      const quad = cellQuad(rng, { x0, x1, y0, y1 }).map((p) => rotate([p[0] + block.center[0], p[1] + block.center[1]], angle, block.center));
      const areaM2 = signedArea(quad);
      if (!sizeOk(areaM2)) continue;
      const crosses = !quad.every((p) => pointInRing(p, block.ring)) || ringsCross(quad, block.ring);
      const shape: ParcelShape = { outer: quad, center: centroidOf(quad), areaM2, block, straddles: crosses };
      if (!crosses) out.inside.push(shape);
      else if (pointInRing(shape.center, block.ring)) out.straddle.push(shape);
    }
  }
  return out;
}

interface Cluster {
  at: Xy;
  radius: number;
  weight: number;
}

function outsideClusters(zones: readonly ZoneShape[]): Cluster[] {
  const clusters: Cluster[] = TOWN_SEATS.map((s) => ({ at: s.at, radius: 1500, weight: 1 }));
  for (const z of zones) {
    // Old industrial land inside the vacate-and-demolish zones: parcels there get a zone_code.
    if (z.kind === '腾空拆除') clusters.push({ at: z.center, radius: z.rMax + 150, weight: 4 });
  }
  return clusters;
}

function outsideShapes(rng: Rng, blocks: readonly BlockShape[], zones: readonly ZoneShape[], needed: number, maxW: number): ParcelShape[] {
  if (needed <= 0) return [];
  const sw = fromLonLat(CITY_EXTENT.minLon, CITY_EXTENT.minLat);
  const ne = fromLonLat(CITY_EXTENT.maxLon, CITY_EXTENT.maxLat);
  const margin = 400;
  const cols = strips(rng, sw[0] + margin, ne[0] - margin, maxW);
  const rows = strips(rng, sw[1] + margin, ne[1] - margin, maxW);
  const clusters = outsideClusters(zones);
  const clearance = blocks.map((b) => (b.rMax + 500) ** 2);
  // Cells clear of every block (and of the parcels straddling its edge), with their distance to
  // the nearest cluster in units of that cluster's radius. Typed arrays: 100k-parcel samples
  // walk half a million cells.
  const cellCount = rows.length * cols.length;
  const freeIndex = new Int32Array(cellCount);
  const freeReach = new Float64Array(cellCount);
  let nFree = 0;
  for (let r = 0; r < rows.length; r++) {
    const cy = (rows[r]![0] + rows[r]![1]) / 2;
    for (let c = 0; c < cols.length; c++) {
      const cx = (cols[c]![0] + cols[c]![1]) / 2;
      let clear = true;
      for (let i = 0; i < blocks.length && clear; i++) {
        const b = blocks[i]!;
        if ((b.center[0] - cx) ** 2 + (b.center[1] - cy) ** 2 < clearance[i]!) clear = false;
      }
      if (!clear) continue;
      let reach = Infinity;
      for (const k of clusters) {
        const dx = k.at[0] - cx;
        const dy = k.at[1] - cy;
        reach = Math.min(reach, Math.sqrt(dx * dx + dy * dy) / k.radius);
      }
      freeIndex[nFree] = r * cols.length + c;
      freeReach[nFree] = reach;
      nFree++;
    }
  }
  // Grow the clusters just enough to hold the parcels wanted (large counts for benchmarks).
  const sortedReach = freeReach.slice(0, nFree).sort();
  const growth = Math.max(1, (sortedReach[Math.min(nFree - 1, Math.ceil(needed * 1.6))] ?? 1) * 1.0001);
  // Weighted sampling without replacement (Efraimidis–Spirakis keys), denser near cluster centres.
  const candIndex: number[] = [];
  const candKey: number[] = [];
  for (let f = 0; f < nFree; f++) {
    if (freeReach[f]! >= growth) continue;
    const idx = freeIndex[f]!;
    const cx = (cols[idx % cols.length]![0] + cols[idx % cols.length]![1]) / 2;
    const cy = (rows[Math.floor(idx / cols.length)]![0] + rows[Math.floor(idx / cols.length)]![1]) / 2;
    let weight = 1e-9;
    for (const k of clusters) {
      const d = Math.sqrt((k.at[0] - cx) ** 2 + (k.at[1] - cy) ** 2) / (k.radius * growth);
      if (d < 1) weight = Math.max(weight, k.weight * Math.exp(-1.5 * d * d));
    }
    candIndex.push(idx);
    candKey.push(Math.log(1 - rng.float()) / weight);
  }
  const order = candIndex.map((_, i) => i).sort((a, b) => candKey[b]! - candKey[a]! || a - b);
  const shapes: ParcelShape[] = [];
  for (const i of order) {
    if (shapes.length >= needed) break;
    const idx = candIndex[i]!;
    const [x0, x1] = cols[idx % cols.length]!;
    const [y0, y1] = rows[Math.floor(idx / cols.length)]!;
    const quad = cellQuad(rng, { x0, x1, y0, y1 });
    const areaM2 = signedArea(quad);
    if (!sizeOk(areaM2)) continue;
    shapes.push({ outer: quad, center: centroidOf(quad), areaM2, block: null, straddles: false });
  }
  return shapes;
}

/** Lays out exactly `parcelCount` parcels (fewer only if the city cannot hold them). */
export function layoutParcels(rng: Rng, blocks: readonly BlockShape[], zones: readonly ZoneShape[], opts: LayoutOptions): ParcelShape[] {
  const n = opts.parcelCount;
  const maxW = cellMaxM(n);
  const perBlock = blocks.map((b) => blockCandidates(rng, b, maxW));
  const straddlePool = rng.shuffle(perBlock.flatMap((c) => c.straddle));
  const insidePool = rng.shuffle(perBlock.flatMap((c) => c.inside));
  const nStraddle = Math.min(straddlePool.length, Math.max(n >= 50 ? 3 : 0, Math.round(n * opts.straddleShare)));
  const nInside = Math.min(insidePool.length, n - nStraddle - Math.round(n * opts.outsideShare));
  const nOutside = n - nStraddle - nInside;
  return [...insidePool.slice(0, nInside), ...straddlePool.slice(0, nStraddle), ...outsideShapes(rng, blocks, zones, nOutside, maxW)];
}
