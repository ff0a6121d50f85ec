/**
 * The embedded sample project of 永康 (示例数据): a deterministic, seeded generator returning plain
 * data — features per layer (CGCS2000 lon/lat, EPSG:4490) and attribute-table rows. Pure: no Node,
 * no database, no clock; the same seed and parcel count always give the same project.
 */
import type { LayerId } from '../../shared/api/layers.js';
import type { FactoryRow, FeatureInput, GoalRow, MetricEntryRow, TransferRow } from '../../electron/core/project/types.js';
import { blockFeatures, generateBlocks } from './blocks.js';
import { generateFactories, generateTransfers, goalRows, metricEntries } from './ledgers.js';
import { transportFeatures } from './lines.js';
import { DEFAULT_PARCEL_COUNT, generateParcels, parcelFeatures } from './parcels.js';
import { projectFeatures } from './projects.js';
import { generatePlatforms, generateZones, platformFeatures, zoneFeatures } from './zones.js';

export { DEFAULT_PARCEL_COUNT } from './parcels.js';
export { BLOCK_COUNT } from './blocks.js';
export { PLATFORM_NAMES, RENEWAL_ZONE_NAMES } from './zones.js';
export { TRANSPORT_NAMES } from './lines.js';
export { CITY_EXTENT } from './geometry.js';

export const DEFAULT_SEED = 20230801;
export const SAMPLE_PROJECT_NAME = '永康市土地与项目一张图(示例数据)';

export interface SampleOptions {
  seed?: number;
  parcelCount?: number;
}

export interface SampleData {
  seed: number;
  parcelCount: number;
  layers: Record<LayerId, FeatureInput[]>;
  transfers: TransferRow[];
  factories: FactoryRow[];
  goals: GoalRow[];
  metricEntries: MetricEntryRow[];
}

export function generateSample(options: SampleOptions = {}): SampleData {
  const seed = options.seed ?? DEFAULT_SEED;
  const parcelCount = options.parcelCount ?? DEFAULT_PARCEL_COUNT;
  if (!Number.isInteger(parcelCount) || parcelCount < 0) throw new Error(`parcelCount must be a non-negative integer, got ${parcelCount}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);

  const blocks = generateBlocks(seed);
  const zones = generateZones(seed, blocks);
  const platforms = generatePlatforms(seed);
  const parcels = generateParcels(seed, parcelCount, blocks, zones);
  const transfers = generateTransfers(seed, parcels, Math.min(1, parcelCount / DEFAULT_PARCEL_COUNT));
  // The buyer of transferred land is its owner now.
  const buyers = new Map(transfers.map((t) => [t.parcel_code, t.buyer]));
  for (const p of parcels) p.owner = buyers.get(p.code) ?? p.owner;

  return {
    seed,
    parcelCount: parcels.length,
    layers: {
      parcels: parcelFeatures(parcels),
      key_blocks: blockFeatures(blocks),
      renewal_zones: zoneFeatures(zones),
      platforms: platformFeatures(platforms),
      transport: transportFeatures(seed),
      projects: projectFeatures(seed, platforms),
    },
    transfers,
    factories: generateFactories(seed, parcels),
    goals: goalRows(),
    metricEntries: metricEntries(seed, zones),
  };
}
