import type { BriefingExtent, BriefingPageParams } from '../../../../shared/api/briefing.js';
import type { ProjectInfo } from '../../../../shared/api/contract.js';
import type { Dashboard, DashboardBlock } from '../../../../shared/api/dashboard.js';
import type { FeatureCard } from '../../../../shared/api/feature-card.js';
import type { BBox, Feature, FeatureCollection } from '../../../../shared/api/geojson.js';
import type { LayerId, LayerInfo } from '../../../../shared/api/layers.js';
import type { ParcelFacets } from '../../../../shared/api/parcel-facets.js';
import type { Settings } from '../../../../shared/api/settings.js';
import type { TiledLayers } from '../../map/tiled-source.js';
import { geometryBBox } from '../parcel/card-format.js';

/**
 * Everything a briefing is drawn from: the dashboard's numbers (one `dashboard` call), the map
 * layers — GeoJSON ones here, parcels as the core's vector tiles (`tiled`) as on the main map — and
 * the parcel counts the legend shows (parcelFacets; a zone's from its card).
 */
export interface BriefingData {
  info: ProjectInfo;
  settings: Settings;
  dashboard: Dashboard;
  layers: Partial<Record<LayerId, FeatureCollection>>;
  layerInfo: LayerInfo[];
  tiled: TiledLayers;
  facets: ParcelFacets;
  /** Renewal zones' cards by code (loaded for a zone page). */
  zoneCards: Readonly<Record<string, FeatureCard>>;
}

export interface ZoneFacts {
  code: string;
  name: string;
  kind: string | null;
  phase: string | null;
  investmentYi: number | null;
}

export interface StatusCount {
  value: string;
  labelEn: string;
  color: string;
  count: number;
}

/** One printed page (or one slide of the presentation). */
export interface SheetModel {
  key: string;
  extent: BriefingExtent;
  name: string;
  /** What the map frames. */
  bbox: BBox | null;
  /** The block or zone drawn highlighted on its own page. */
  focus: { layer: 'key_blocks' | 'renewal_zones'; fid: number } | null;
  /** The block's row of the dashboard's block table (block pages). */
  block: DashboardBlock | null;
  zone: ZoneFacts | null;
  /** Parcels in the extent by status (the map legend's counts). */
  statusCounts: StatusCount[];
  notes: string;
  page: number;
  pages: number;
}

type PlaceLayer = 'key_blocks' | 'renewal_zones';
const PLACE_LAYER: Record<'block' | 'zone', PlaceLayer> = { block: 'key_blocks', zone: 'renewal_zones' };

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

function unionBBox(boxes: readonly (BBox | null)[]): BBox | null {
  let out: BBox | null = null;
  for (const b of boxes) {
    if (!b) continue;
    out = out ? [Math.min(out[0], b[0]), Math.min(out[1], b[1]), Math.max(out[2], b[2]), Math.max(out[3], b[3])] : b;
  }
  return out;
}

function collectionBBox(c: FeatureCollection | undefined): BBox | null {
  return unionBBox((c?.features ?? []).map((f) => geometryBBox(f.geometry)));
}

/** The features of a place layer with this code (a block may be stored in several parts). */
function placeFeatures(data: BriefingData, kind: 'block' | 'zone', code: string): Feature[] {
  return (data.layers[PLACE_LAYER[kind]]?.features ?? []).filter((f) => f.properties['code'] === code);
}

/** Parcels by status in the vocabulary's order, from (status, count) pairs. */
function statusCounts(data: BriefingData, pairs: Iterable<readonly [string | null, number]>): StatusCount[] {
  const counts = new Map<string, number>();
  for (const [status, n] of pairs) if (status) counts.set(status, (counts.get(status) ?? 0) + n);
  return data.settings.statuses.map((s) => ({ value: s.value, labelEn: s.labelEn, color: s.color, count: counts.get(s.value) ?? 0 }));
}

function facetCounts(data: BriefingData, block: string | null): StatusCount[] {
  const rows = data.facets.rows.filter((r) => block === null || r.block === block);
  return statusCounts(data, rows.map((r) => [r.status, r.count] as const));
}

/**
 * The city is framed by the land the briefing is about — parcels, key blocks and renewal zones —
 * not by every layer (a railway line can run far beyond the city).
 */
function cityBBox(data: BriefingData): BBox | null {
  const parcels = data.layerInfo.find((l) => l.id === 'parcels')?.bbox ?? collectionBBox(data.layers.parcels);
  return unionBBox([parcels, collectionBBox(data.layers.key_blocks), collectionBBox(data.layers.renewal_zones)]) ?? data.info.bbox;
}

function sheetFor(data: BriefingData, extent: BriefingExtent, notes: string): Omit<SheetModel, 'page' | 'pages'> {
  if (extent.kind === 'city') {
    return {
      key: 'city',
      extent,
      name: data.settings.briefing.city,
      bbox: cityBBox(data),
      focus: null,
      block: null,
      zone: null,
      statusCounts: facetCounts(data, null),
      notes,
    };
  }
  const features = placeFeatures(data, extent.kind, extent.code);
  const first = features[0];
  const name = text(first?.properties['name']) ?? extent.code;
  const zone: ZoneFacts | null =
    extent.kind === 'zone'
      ? {
          code: extent.code,
          name,
          kind: text(first?.properties['kind']),
          phase: text(first?.properties['phase']),
          investmentYi: typeof first?.properties['investment_yi'] === 'number' ? first.properties['investment_yi'] : null,
        }
      : null;
  return {
    key: `${extent.kind}:${extent.code}`,
    extent,
    name,
    bbox: unionBBox(features.map((f) => geometryBBox(f.geometry))),
    focus: first && typeof first.id === 'number' ? { layer: PLACE_LAYER[extent.kind], fid: first.id } : null,
    block: extent.kind === 'block' ? (data.dashboard.blocks.find((b) => b.code === extent.code) ?? null) : null,
    zone,
    statusCounts:
      extent.kind === 'block'
        ? facetCounts(data, extent.code)
        : statusCounts(data, (data.zoneCards[extent.code]?.parcelList ?? []).map((p) => [p.status, 1] as const)),
    notes,
  };
}

/**
 * The pages of a briefing: one for the chosen extent, or the atlas — the city (with the notes) and
 * then every key block of the dashboard's block table, in its order (by code).
 */
export function buildSheets(params: BriefingPageParams, data: BriefingData): SheetModel[] {
  const extents: BriefingExtent[] =
    params.kind === 'atlas' ? [{ kind: 'city' }, ...data.dashboard.blocks.map((b): BriefingExtent => ({ kind: 'block', code: b.code }))] : [params.extent];
  const sheets = extents.map((e, i) => sheetFor(data, e, i === 0 ? params.notes : ''));
  return sheets.map((s, i) => ({ ...s, page: i + 1, pages: sheets.length }));
}

export { blockTotals, type BlockTotals } from '../dashboard/block-totals.js';
