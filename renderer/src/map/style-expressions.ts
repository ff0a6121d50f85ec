import type { ExpressionSpecification } from 'maplibre-gl';
import type { StatusDef } from '../../../shared/api/settings.js';

export const FALLBACK_COLOR = '#b0b0b0';

/** True while the feature is the map's selection (set through feature-state). */
export const IS_SELECTED: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

type ExpressionInput = string | number | ExpressionSpecification;

/** `on` for the selected feature, `off` for the others. */
export function whenSelected(on: ExpressionInput, off: ExpressionInput): ExpressionSpecification {
  return ['case', IS_SELECTED, on, off] as ExpressionSpecification;
}

/**
 * A colour chosen by a property's value, e.g. parcel status → the colour in settings.
 * An empty table gives the fallback for every feature (a `match` needs at least one branch).
 */
export function colorByValue(
  property: string,
  table: ReadonlyArray<readonly [value: string, color: string]>,
  fallback: string = FALLBACK_COLOR,
): ExpressionSpecification | string {
  if (table.length === 0) return fallback;
  const branches = table.flatMap(([value, color]) => [value, color]);
  return ['match', ['to-string', ['get', property]], ...branches, fallback] as ExpressionSpecification;
}

export function statusColor(statuses: readonly StatusDef[]): ExpressionSpecification | string {
  return colorByValue('status', dedupe(statuses.map((s) => [s.value, s.color] as const)));
}

/** Categories met in the data, each given the next palette colour in a stable (sorted) order. */
export function paletteTable(values: Iterable<string>, palette: readonly string[]): Array<readonly [string, string]> {
  const sorted = [...new Set(values)].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return sorted.map((value, i) => [value, palette[i % palette.length] ?? FALLBACK_COLOR] as const);
}

function dedupe(table: ReadonlyArray<readonly [string, string]>): Array<readonly [string, string]> {
  const seen = new Set<string>();
  return table.filter(([value]) => (seen.has(value) ? false : (seen.add(value), true)));
}
