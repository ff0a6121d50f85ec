/**
 * Urban renewal zones (城市更新 6+X, in the urban core) and industrial platforms (产业平台).
 * Anchors are approximate; shapes are irregular and illustrative.
 */
import type { FeatureInput } from '../../electron/core/project/types.js';
import type { BlockShape } from './blocks.js';
import { closedLonLatRing, distance, fromLonLat, maxRadius, starRing, type Xy } from './geometry.js';
import { Rng } from './prng.js';

export interface ZoneShape {
  code: string;
  name: string;
  kind: string;
  phase: string;
  investmentYi: number;
  ring: Xy[];
  center: Xy;
  rMax: number;
}

interface ZoneDef {
  name: string;
  kind: '腾空拆除' | '政策处理' | '安置区' | '续建' | '开发';
  phase: string;
  /** Planned 2023 investment, 亿元 (sums to 138, against the ≥ 130 goal). */
  investmentYi: number;
  anchor: readonly [number, number];
  areaKm2: number;
}

const ZONE_DEFS: readonly ZoneDef[] = [
  { name: '南苑', kind: '腾空拆除', phase: '实施中', investmentYi: 18, anchor: [120.026, 28.869], areaKm2: 0.8 },
  { name: '黄棠', kind: '腾空拆除', phase: '实施中', investmentYi: 12, anchor: [120.062, 28.884], areaKm2: 0.6 },
  { name: '周塘', kind: '腾空拆除', phase: '前期', investmentYi: 10, anchor: [119.998, 28.912], areaKm2: 0.5 },
  { name: '老四方', kind: '政策处理', phase: '实施中', investmentYi: 8, anchor: [120.038, 28.899], areaKm2: 0.4 },
  { name: '塔海桥塘头', kind: '安置区', phase: '在建', investmentYi: 14, anchor: [120.071, 28.908], areaKm2: 0.35 },
  { name: '黄岐村', kind: '安置区', phase: '在建', investmentYi: 9, anchor: [119.994, 28.885], areaKm2: 0.3 },
  { name: '南苑安置区', kind: '安置区', phase: '前期', investmentYi: 11, anchor: [120.008, 28.859], areaKm2: 0.3 },
  { name: '溪心综合体', kind: '续建', phase: '续建', investmentYi: 22, anchor: [120.029, 28.916], areaKm2: 0.25 },
  { name: '市文化中心', kind: '开发', phase: '在建', investmentYi: 20, anchor: [120.051, 28.924], areaKm2: 0.2 },
  { name: '站前广场', kind: '开发', phase: '前期', investmentYi: 14, anchor: [120.066, 28.928], areaKm2: 0.15 },
];

export const RENEWAL_ZONE_NAMES: readonly string[] = ZONE_DEFS.map((z) => z.name);

function overlapsAny(center: Xy, rMax: number, others: readonly { center: Xy; rMax: number }[], gap: number): boolean {
  return others.some((o) => distance(o.center, center) < o.rMax + rMax + gap);
}

export function generateZones(seed: number, blocks: readonly BlockShape[]): ZoneShape[] {
  const rng = new Rng(seed, 'renewal-zones');
  const zones: ZoneShape[] = [];
  ZONE_DEFS.forEach((def, i) => {
    const anchor = fromLonLat(def.anchor[0], def.anchor[1]);
    let placed: ZoneShape | null = null;
    for (let attempt = 0; attempt < 2000 && !placed; attempt++) {
      const spread = 150 + attempt * 5;
      const center: Xy = [anchor[0] + rng.range(-spread, spread), anchor[1] + rng.range(-spread, spread)];
      const ring = starRing(rng, center, def.areaKm2 * 1e6, rng.int(5, 8), 0.25, 1.8);
      const rMax = maxRadius(ring, center);
      if (overlapsAny(center, rMax, zones, 60) || overlapsAny(center, rMax, blocks, 300)) continue;
      placed = {
        code: `CG${String(i + 1).padStart(2, '0')}`,
        name: def.name,
        kind: def.kind,
        phase: def.phase,
        investmentYi: def.investmentYi,
        ring,
        center,
        rMax,
      };
    }
    if (!placed) throw new Error(`could not place renewal zone ${def.name}`);
    zones.push(placed);
  });
  return zones;
}

export function zoneFeatures(zones: readonly ZoneShape[]): FeatureInput[] {
  return zones.map((z) => ({
    geometry: { type: 'MultiPolygon', coordinates: [[closedLonLatRing(z.ring)]] },
    properties: { code: z.code, name: z.name, kind: z.kind, phase: z.phase, investment_yi: z.investmentYi },
  }));
}

interface PlatformDef {
  name: string;
  level: '国家级' | '省级' | '市级';
  anchor: readonly [number, number];
  areaKm2: number;
  note?: string;
}

const PLATFORM_DEFS: readonly PlatformDef[] = [
  { name: '国家级经济开发区', level: '国家级', anchor: [120.086, 28.874], areaKm2: 14, note: '创建中' },
  { name: '省级现代农业装备高新区', level: '省级', anchor: [119.965, 28.95], areaKm2: 8 },
  { name: '省万亩千亿新兴产业平台', level: '省级', anchor: [120.152, 28.848], areaKm2: 10 },
  { name: '中国五金物流港', level: '市级', anchor: [120.094, 28.946], areaKm2: 3 },
  { name: '国家林草装备科创园', level: '国家级', anchor: [119.976, 28.844], areaKm2: 4 },
  { name: '中兴智造园', level: '市级', anchor: [120.125, 28.996], areaKm2: 3 },
  { name: '先进电池及储能产业园', level: '市级', anchor: [120.2, 28.902], areaKm2: 5 },
];

export const PLATFORM_NAMES: readonly string[] = PLATFORM_DEFS.map((p) => p.name);

export interface PlatformShape {
  code: string;
  name: string;
  level: string;
  note: string | null;
  ring: Xy[];
  center: Xy;
  rMax: number;
}

export function generatePlatforms(seed: number): PlatformShape[] {
  const rng = new Rng(seed, 'platforms');
  const platforms: PlatformShape[] = [];
  PLATFORM_DEFS.forEach((def, i) => {
    const anchor = fromLonLat(def.anchor[0], def.anchor[1]);
    let placed: PlatformShape | null = null;
    for (let attempt = 0; attempt < 2000 && !placed; attempt++) {
      const ring = starRing(rng, anchor, def.areaKm2 * 1e6, rng.int(8, 12), 0.25, 2);
      const rMax = maxRadius(ring, anchor);
      if (overlapsAny(anchor, rMax, platforms, 200)) continue;
      placed = { code: `PT${String(i + 1).padStart(2, '0')}`, name: def.name, level: def.level, note: def.note ?? null, ring, center: anchor, rMax };
    }
    if (!placed) throw new Error(`could not place platform ${def.name}`);
    platforms.push(placed);
  });
  return platforms;
}

export function platformFeatures(platforms: readonly PlatformShape[]): FeatureInput[] {
  return platforms.map((p) => ({
    geometry: { type: 'MultiPolygon', coordinates: [[closedLonLatRing(p.ring)]] },
    properties: {
      code: p.code,
      name: p.name,
      level: p.level,
      source_json: p.note ? JSON.stringify({ 建设状态: p.note }) : null,
    },
  }));
}
