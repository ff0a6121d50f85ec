/**
 * The 18 key remediation blocks (重点整治区块). 老长城区块 and 九里山区块 are named in the 2023 plan and
 * start this year; the others are numbered 重点区块03…18 and started in earlier years.
 */
import type { FeatureInput } from '../../electron/core/project/types.js';
import { randomDate } from './dates.js';
import { closedLonLatRing, distance, maxRadius, starRing, type Xy } from './geometry.js';
import { nearestTown, type Town } from './places.js';
import { Rng } from './prng.js';

export interface BlockShape {
  code: string;
  name: string;
  town: Town;
  targetMu: number;
  startedOn: string;
  /** Open ring in local metres, counter-clockwise. */
  ring: Xy[];
  center: Xy;
  rMax: number;
}

export const BLOCK_COUNT = 18;
/** Where block centres may fall (local metres); the urban core (renewal zones) is kept clear. */
const REGION = { x0: -13000, x1: 18000, y0: -11500, y1: 14000 } as const;
const CORE_CLEARANCE_M = 5800;
/** Gap between neighbouring blocks, wide enough that parcels straddling two edges never meet. */
const BLOCK_GAP_M = 800;

function round10(v: number): number {
  return Math.round(v / 10) * 10;
}

function blockIdentity(i: number): { code: string; name: string } {
  const n = String(i + 1).padStart(2, '0');
  if (i === 0) return { code: 'ZD01', name: '老长城区块' };
  if (i === 1) return { code: 'ZD02', name: '九里山区块' };
  return { code: `ZD${n}`, name: `重点区块${n}` };
}

export function generateBlocks(seed: number): BlockShape[] {
  const rng = new Rng(seed, 'blocks');
  const blocks: BlockShape[] = [];
  for (let i = 0; i < BLOCK_COUNT; i++) {
    const { code, name } = blockIdentity(i);
    const areaKm2 = i === 0 ? 2.6 : i === 1 ? 2.2 : 0.7 + 2.1 * Math.pow(rng.float(), 0.8);
    const vertices = rng.int(6, 10);
    let placed: BlockShape | null = null;
    for (let attempt = 0; attempt < 5000 && !placed; attempt++) {
      const center: Xy = [rng.range(REGION.x0, REGION.x1), rng.range(REGION.y0, REGION.y1)];
      if (Math.hypot(center[0], center[1]) < CORE_CLEARANCE_M) continue;
      const ring = starRing(rng, center, areaKm2 * 1e6, vertices, 0.32, 2.2);
      const rMax = maxRadius(ring, center);
      if (blocks.some((b) => distance(b.center, center) < b.rMax + rMax + BLOCK_GAP_M)) continue;
      const startedOn =
        i === 0
          ? randomDate(rng, '2023-03-01', '2023-03-31')
          : i === 1
            ? randomDate(rng, '2023-04-01', '2023-04-30')
            : randomDate(rng, '2019-03-01', '2022-10-31');
      const targetMu = i === 0 ? round10(rng.range(380, 460)) : i === 1 ? round10(rng.range(320, 400)) : round10(rng.range(220, 480));
      placed = { code, name, town: nearestTown(center), targetMu, startedOn, ring, center, rMax };
    }
    if (!placed) throw new Error(`could not place key block ${code} without overlap`);
    blocks.push(placed);
  }
  return blocks;
}

export function blockFeatures(blocks: readonly BlockShape[]): FeatureInput[] {
  return blocks.map((b) => ({
    geometry: { type: 'MultiPolygon', coordinates: [[closedLonLatRing(b.ring)]] },
    properties: { code: b.code, name: b.name, town: b.town, target_mu: b.targetMu, started_on: b.startedOn },
  }));
}
