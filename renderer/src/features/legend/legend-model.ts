import type { FeatureCollection } from '../../../../shared/api/geojson.js';
import type { LayerFilter } from '../../../../shared/api/layer-filter.js';
import type { LayerId } from '../../../../shared/api/layers.js';
import type { ParcelStyleId } from '../../../../shared/api/map-panel.js';
import type { ParcelFacetRow } from '../../../../shared/api/parcel-facets.js';
import type { Locale } from '../../../../shared/api/settings.js';
import { classOf, type ClassedStyle, type StyleClass } from '../../map/layer-style/classes.js';
import { KEY_BLOCK_DASH, PLATFORM_LEVELS, TRANSPORT_MODES } from '../../map/layer-style/layer-styles.js';
import { facetRowMatches } from '../../map/layer-style/parcel-filter.js';
import { facetValue } from '../../map/layer-style/parcel-styles.js';
import { KEY_BLOCK_COLOR, PROJECT_COLOR } from '../../map/style.js';

/** A legend symbol, drawn like the map draws the class. */
export type LegendSymbol =
  | { kind: 'fill'; color: string }
  | { kind: 'hatch'; color: string }
  | { kind: 'line'; color: string; dash?: readonly number[] }
  | { kind: 'outline'; color: string; dash?: readonly number[]; width?: number }
  | { kind: 'point'; color: string };

export interface LegendRow {
  /** The class key ('' for the fallback row). */
  value: string;
  label: string;
  symbol: LegendSymbol;
  /** Features drawn so (parcels: among the filtered ones); undefined when not known. */
  count?: number;
  fallback: boolean;
}

export interface LegendSection {
  layer: LayerId;
  /** Sub-heading inside a layer (transport: mode, stage). */
  part?: 'mode' | 'stage';
  rows: LegendRow[];
}

export interface LegendInput {
  visible: ReadonlySet<LayerId>;
  parcelStyleId: ParcelStyleId;
  parcelStyle: ClassedStyle;
  parcelFilter: LayerFilter;
  facets: readonly ParcelFacetRow[] | null;
  renewalPhases: ClassedStyle;
  transportStages: ClassedStyle;
  data: Partial<Record<LayerId, FeatureCollection>>;
  locale: Locale;
}

/**
 * The legend, built from the same class definitions as the map's paint (layer-style/): one section
 * per visible layer, in drawing order. Parcel rows count the filtered parcels; other layers count
 * their loaded features and list only the classes present (all of them before data arrives).
 */
export function buildLegend(input: LegendInput, order: readonly LayerId[]): LegendSection[] {
  const sections: LegendSection[] = [];
  for (const layer of order) {
    if (!input.visible.has(layer)) continue;
    sections.push(...sectionsOf(layer, input));
  }
  return sections;
}

function sectionsOf(layer: LayerId, input: LegendInput): LegendSection[] {
  const label = (c: StyleClass): string => (input.locale === 'en' ? c.labelEn : c.labelZh);
  switch (layer) {
    case 'parcels':
      return [{ layer, rows: parcelRows(input, label) }];
    case 'renewal_zones':
      return [{ layer, rows: classRows(input.renewalPhases, input.data.renewal_zones, label, (c) => ({ kind: 'hatch', color: c.color })) }];
    case 'platforms':
      return [
        { layer, rows: classRows(PLATFORM_LEVELS, input.data.platforms, label, (c) => ({ kind: 'outline', color: c.color, dash: c.dash, width: c.width })) },
      ];
    case 'transport':
      return [
        { layer, part: 'mode', rows: classRows(TRANSPORT_MODES, input.data.transport, label, (c) => ({ kind: 'line', color: c.color })) },
        { layer, part: 'stage', rows: classRows(input.transportStages, input.data.transport, label, (c) => ({ kind: 'line', color: c.color, dash: c.dash })) },
      ];
    case 'key_blocks':
      return [{ layer, rows: [{ value: 'key_blocks', label: '', symbol: { kind: 'outline', color: KEY_BLOCK_COLOR, dash: KEY_BLOCK_DASH, width: 3 }, fallback: false }] }];
    case 'projects':
      return [{ layer, rows: [{ value: 'projects', label: '', symbol: { kind: 'point', color: PROJECT_COLOR }, count: input.data.projects?.features.length, fallback: false }] }];
  }
}

function parcelRows(input: LegendInput, label: (c: StyleClass) => string): LegendRow[] {
  const style = input.parcelStyle;
  const counts = new Map<string, number>();
  for (const row of input.facets ?? []) {
    if (!facetRowMatches(row, input.parcelFilter)) continue;
    const key = classOf(style, facetValue(row, input.parcelStyleId)).key;
    counts.set(key, (counts.get(key) ?? 0) + row.count);
  }
  const known = input.facets !== null;
  const rows: LegendRow[] = style.classes.map((c) => ({
    value: c.key,
    label: label(c),
    symbol: { kind: 'fill', color: c.color },
    count: known ? (counts.get(c.key) ?? 0) : undefined,
    fallback: false,
  }));
  const other = counts.get(style.fallback.key) ?? 0;
  if (other > 0) rows.push({ value: '', label: label(style.fallback), symbol: { kind: 'fill', color: style.fallback.color }, count: other, fallback: true });
  return rows;
}

/** One row per class met in the features (every class before they load), then the fallback if met. */
function classRows(
  style: ClassedStyle,
  collection: FeatureCollection | undefined,
  label: (c: StyleClass) => string,
  symbol: (c: StyleClass) => LegendSymbol,
): LegendRow[] {
  const property = style.property;
  const counts = new Map<string, number>();
  for (const f of collection?.features ?? []) {
    const v = f.properties[property];
    const key = classOf(style, v === null || v === undefined ? '' : String(v)).key;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const loaded = collection !== undefined;
  const rows: LegendRow[] = style.classes
    .filter((c) => !loaded || counts.has(c.key))
    .map((c) => ({ value: c.key, label: label(c), symbol: symbol(c), count: loaded ? counts.get(c.key) : undefined, fallback: false }));
  const other = counts.get(style.fallback.key) ?? 0;
  if (other > 0) rows.push({ value: '', label: label(style.fallback), symbol: symbol(style.fallback), count: other, fallback: true });
  return rows;
}
