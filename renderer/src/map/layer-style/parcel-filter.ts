import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import { FILTER_KEYS, type LayerFilter } from '../../../../shared/api/layer-filter.js';
import type { ParcelFacetRow } from '../../../../shared/api/parcel-facets.js';
import { PARCEL_INPUT } from './parcel-styles.js';

/**
 * The layer panel's parcel filter as a maplibre layer filter: keys ANDed, a key's values ORed,
 * `null` (未填) matching a blank value — LayerFilter's rule (shared/api/layer-filter.ts), so the
 * map, the legend counts and an export of "the filtered parcels" agree. Only feature properties
 * are read, so it works on GeoJSON and vector-tile sources alike. null when nothing is filtered.
 */
export function parcelFilterExpression(filter: LayerFilter): FilterSpecification | null {
  const parts: ExpressionSpecification[] = [];
  for (const key of FILTER_KEYS) {
    const wanted = filter[key];
    if (!wanted) continue;
    const values = (wanted as readonly (string | number | null)[]).map((v) => (v === null ? '' : String(v)));
    parts.push(['in', PARCEL_INPUT[key], ['literal', values]]);
  }
  return parts.length === 0 ? null : (['all', ...parts] as FilterSpecification);
}

/** Does a facet row (a group of parcels) pass the filter? The same rule as the map's filter. */
export function facetRowMatches(row: ParcelFacetRow, filter: LayerFilter): boolean {
  for (const key of FILTER_KEYS) {
    const wanted = filter[key] as readonly (string | number | null)[] | undefined;
    if (wanted && !wanted.includes(row[key])) return false;
  }
  return true;
}
