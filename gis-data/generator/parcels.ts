/**
 * The industrial parcels (工业用地地块): geometry from parcel-layout.ts, then the attributes the
 * bureau keeps — code, owner, town, address, land use, tenure, remediation status/method/date,
 * block and zone, the "official" stated area, and the 亩均 class. A few records are wrong on
 * purpose (recorded block, stated area) so data-quality checks have something to find.
 */
import type { Geometry } from '../../shared/api/geojson.js';
import { ellipsoidalAreaM2 } from '../../shared/domain/area.js';
import { m2ToMu } from '../../shared/domain/units.js';
import { TOWNS } from '../../shared/domain/vocabulary.js';
import type { FeatureInput } from '../../electron/core/project/types.js';
import type { BlockShape } from './blocks.js';
import { closedLonLatRing, distance, pointInRing, scaleRing, type Xy } from './geometry.js';
import { layoutParcels, type ParcelShape } from './parcel-layout.js';
import { address, companyName, nearestTown, villageCollective, type Town } from './places.js';
import { Rng } from './prng.js';
import { assignRemediation, type RemediationMethod, type RemediationStatus } from './remediation.js';
import type { ZoneShape } from './zones.js';

export type PerMuClass = 'A' | 'B' | 'C' | 'D';

export interface ParcelRecord {
  code: string;
  geometry: Geometry;
  /** Ellipsoidal area (CGCS2000), unrounded, holes subtracted. */
  areaM2: number;
  center: Xy;
  block: BlockShape | null;
  hasHole: boolean;
  town: Town;
  owner: string;
  address: string;
  landUse: string;
  tenure: '国有' | '集体';
  status: RemediationStatus;
  method: RemediationMethod | null;
  completedOn: string | null;
  blockCode: string | null;
  recordedBlock: string | null;
  zoneCode: string | null;
  straddles: boolean;
  statedAreaM2: number;
  perMuClass: PerMuClass;
}

/** Shares the sample aims for (of the parcel count). */
export const PARCEL_SHARES = {
  outside: 0.15,
  straddle: 0.012,
  holes: 0.002,
  recordedBlockMismatch: 0.01,
  statedAreaOff: 0.02,
} as const;

/** The parcel count the remediation budgets are calibrated for. */
export const DEFAULT_PARCEL_COUNT = 3000;

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

function townOf(shape: ParcelShape): Town {
  return shape.block ? shape.block.town : nearestTown(shape.center);
}

/** Cadastral-looking order: by town, then in 500 m bands north to south, west to east. */
function cadastralOrder(shapes: readonly ParcelShape[]): ParcelShape[] {
  const key = (s: ParcelShape): [number, number, number] => [TOWNS.indexOf(townOf(s)), -Math.floor(s.center[1] / 500), s.center[0]];
  return shapes
    .map((s) => ({ s, k: key(s) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2])
    .map((x) => x.s);
}

function zoneAt(p: Xy, zones: readonly ZoneShape[]): ZoneShape | null {
  return zones.find((z) => distance(z.center, p) <= z.rMax && pointInRing(p, z.ring)) ?? null;
}

function perMuClass(rng: Rng, status: RemediationStatus, inBlock: boolean): PerMuClass {
  if (status !== '未启动') return rng.weighted({ D: 60, C: 30, B: 10, A: 0 });
  if (inBlock) return rng.weighted({ D: 35, C: 35, B: 20, A: 10 });
  return rng.weighted({ A: 20, B: 35, C: 30, D: 15 });
}

function recordedBlock(rng: Rng, blockCode: string | null, blocks: readonly BlockShape[], center: Xy): string | null {
  if (!rng.chance(PARCEL_SHARES.recordedBlockMismatch)) return blockCode;
  if (blockCode === null) {
    // An outside parcel filed under the nearest block.
    return blocks.reduce((best, b) => (distance(b.center, center) < distance(best.center, center) ? b : best)).code;
  }
  if (rng.chance(0.3)) return null;
  const others = blocks.filter((b) => b.code !== blockCode);
  return rng.pick(others).code;
}

function statedArea(rng: Rng, areaM2: number): number {
  if (!rng.chance(PARCEL_SHARES.statedAreaOff)) return round2(areaM2);
  const off = rng.range(0.01, 0.03) * (rng.chance(0.5) ? 1 : -1);
  return round2(areaM2 * (1 + off));
}

export function generateParcels(seed: number, parcelCount: number, blocks: readonly BlockShape[], zones: readonly ZoneShape[]): ParcelRecord[] {
  const layoutRng = new Rng(seed, 'parcel-layout');
  const shapes = cadastralOrder(
    layoutParcels(layoutRng, blocks, zones, { parcelCount, outsideShare: PARCEL_SHARES.outside, straddleShare: PARCEL_SHARES.straddle }),
  );

  // A handful of larger parcels inside blocks get an inner ring (a plot excluded from the parcel).
  const holeRng = new Rng(seed, 'parcel-holes');
  const holeCandidates = shapes.filter((s) => s.block && !s.straddles && m2ToMu(s.areaM2) >= 6);
  const nHoles = Math.min(holeCandidates.length, Math.max(parcelCount >= 50 ? 4 : 0, Math.round(parcelCount * PARCEL_SHARES.holes)));
  const withHole = new Set(holeRng.shuffle(holeCandidates).slice(0, nHoles));

  const geo = shapes.map((s) => {
    const rings = [closedLonLatRing(s.outer)];
    if (withHole.has(s)) rings.push(closedLonLatRing(scaleRing(s.outer, 0.3, s.center).reverse()));
    const geometry: Geometry = { type: 'MultiPolygon', coordinates: [rings] };
    return { shape: s, geometry, areaM2: ellipsoidalAreaM2(geometry) };
  });

  const statusRng = new Rng(seed, 'parcel-status');
  const scale = Math.min(1, parcelCount / DEFAULT_PARCEL_COUNT);
  const remediation = assignRemediation(
    statusRng,
    geo.map((g) => ({ ...g, block: g.shape.block })),
    scale,
  );
  const byShape = new Map([...remediation].map(([k, v]) => [k.shape, v]));

  const rng = new Rng(seed, 'parcel-attributes');
  return geo.map(({ shape, geometry, areaM2 }, i) => {
    const town = townOf(shape);
    const r = byShape.get(shape)!;
    const inBlock = shape.block !== null;
    const tenure = rng.chance(inBlock ? 0.08 : 0.3) ? '集体' : '国有';
    const owner = tenure === '集体' && rng.chance(0.4) ? villageCollective(rng, town) : companyName(rng);
    const landUse = rng.weighted({ '0601 工业用地': 96, '0602 采矿用地': 2, '0508 物流仓储用地': 2 });
    const blockCode = shape.block?.code ?? null;
    const zone = zoneAt(shape.center, zones);
    return {
      code: `YK2023-${String(i + 1).padStart(5, '0')}`,
      geometry,
      areaM2,
      center: shape.center,
      block: shape.block,
      hasHole: withHole.has(shape),
      town,
      owner,
      address: address(rng, town),
      landUse,
      tenure,
      status: r.status,
      method: r.method,
      completedOn: r.completedOn,
      blockCode,
      recordedBlock: recordedBlock(rng, blockCode, blocks, shape.center),
      zoneCode: zone?.code ?? null,
      straddles: shape.straddles,
      statedAreaM2: statedArea(rng, areaM2),
      perMuClass: perMuClass(rng, r.status, inBlock),
    };
  });
}

export function parcelFeatures(parcels: readonly ParcelRecord[]): FeatureInput[] {
  return parcels.map((p) => ({
    geometry: p.geometry,
    properties: {
      code: p.code,
      owner: p.owner,
      town: p.town,
      address: p.address,
      land_use: p.landUse,
      tenure: p.tenure,
      status: p.status,
      method: p.method,
      completed_on: p.completedOn,
      block_code: p.blockCode,
      zone_code: p.zoneCode,
      straddles: p.straddles,
      recorded_block: p.recordedBlock,
      stated_area_m2: p.statedAreaM2,
      per_mu_class: p.perMuClass,
      // What a bureau shapefile would carry (地块编号, 权利人, 坐落, 地类编码/名称, 图斑面积).
      source_json: JSON.stringify({
        DKBH: p.code,
        QLR: p.owner,
        ZL: p.address,
        DLBM: p.landUse.split(' ')[0],
        DLMC: p.landUse.split(' ')[1],
        TBMJ: p.statedAreaM2,
      }),
    },
  }));
}
