import type { PropertyValue } from '../../../shared/api/geojson.js';
import type { LayerId } from '../../../shared/api/layers.js';
import { m2ToMu, roundTo } from '../../../shared/domain/units.js';
import { LAYER_DEFS } from '../project/schema.js';

/**
 * Which attributes ride in a layer's vector tiles. A tile carries what the map styles, filters and
 * labels by — not the whole row (the card asks the core for that by fid, which travels as the MVT
 * feature id).
 *
 * Parcels: the columns the layer panel colours and filters by (status, town, method, block_code,
 * completed_on, per_mu_class) at every zoom; the code and the area (labels, hover) only from
 * DETAIL_ZOOM on. Below it a tile holds thousands of parcels of a few pixels each, and values
 * unique to every parcel are what makes such a tile slow to encode and large (measured on 57,000
 * parcels at z10: 4.3 MB and ~4× the encoding time with them, 1.5 MB without).
 */
export const DETAIL_ZOOM = 13;

const PARCEL_STYLE_COLUMNS = ['status', 'town', 'method', 'block_code', 'completed_on', 'per_mu_class'] as const;
const PARCEL_DETAIL_COLUMNS = ['code', 'area_m2'] as const;

/** Columns never put in tiles (verbatim source attributes can be large). */
const HIDDEN = new Set(['source_json']);

export interface TileColumns {
  /** Columns read from the table, in SELECT order. */
  columns: readonly string[];
  /** Turns one row's values (in `columns` order) into the feature's tile properties. */
  properties(values: readonly unknown[]): Record<string, PropertyValue>;
}

const plain = (columns: readonly string[]): TileColumns => ({
  columns,
  properties(values) {
    const out: Record<string, PropertyValue> = {};
    columns.forEach((c, i) => {
      const v = values[i];
      if (v !== null && v !== undefined) out[c] = v as PropertyValue;
    });
    return out;
  },
});

const PARCEL_OVERVIEW = plain(PARCEL_STYLE_COLUMNS);

const PARCEL_DETAIL: TileColumns = {
  columns: [...PARCEL_STYLE_COLUMNS, ...PARCEL_DETAIL_COLUMNS],
  properties(values) {
    const out = PARCEL_OVERVIEW.properties(values);
    const code = values[PARCEL_STYLE_COLUMNS.length];
    const m2 = values[PARCEL_STYLE_COLUMNS.length + 1];
    if (typeof code === 'string') out['code'] = code;
    if (typeof m2 === 'number') {
      out['area_m2'] = m2;
      out['area_mu'] = roundTo(m2ToMu(m2), 2);
    }
    return out;
  },
};

const OTHER_LAYERS = new Map<LayerId, TileColumns>();

/** The tile columns of a layer at tile zoom z. */
export function tileColumns(layer: LayerId, z: number): TileColumns {
  if (layer === 'parcels') return z >= DETAIL_ZOOM ? PARCEL_DETAIL : PARCEL_OVERVIEW;
  let cols = OTHER_LAYERS.get(layer);
  if (!cols) {
    cols = plain(LAYER_DEFS[layer].columns.map((c) => c.name).filter((n) => !HIDDEN.has(n)));
    OTHER_LAYERS.set(layer, cols);
  }
  return cols;
}
