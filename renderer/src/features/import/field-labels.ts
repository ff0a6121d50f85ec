import type { TFunction } from 'i18next';
import { TARGET_FIELDS, VIRTUAL_TARGETS } from '../../../../shared/domain/field-mapping.js';
import type { ImportLayer } from '../../../../shared/api/import.js';
import type { Messages } from '../../i18n/zh-CN.js';

type FieldKey = keyof Messages['importer']['fields'];

/** A target field's name in the interface language ("owner" → 权利人); unknown names as they are. */
export function fieldLabel(t: TFunction, target: string): string {
  const known: readonly string[] = FIELD_KEYS;
  return known.includes(target) ? t(`importer.fields.${target as FieldKey}`) : target;
}

const FIELD_KEYS: readonly FieldKey[] = [
  'code', 'owner', 'town', 'address', 'land_use', 'land_use_name', 'tenure', 'status', 'method', 'completed_on',
  'recorded_block', 'stated_area_m2', 'stated_area_mu', 'stated_area_ha', 'name', 'target_mu', 'kind', 'phase',
  'investment_yi', 'investment_wan', 'level', 'mode', 'stage', 'target_stage', 'industry', 'landed_on',
];

/** The column a target fills (stated_area_mu is converted into stated_area_m2, and so on). */
export function columnOf(target: string): string {
  return (VIRTUAL_TARGETS as Record<string, { column: string } | undefined>)[target]?.column ?? target;
}

/** Columns of the sample table: the mapped ones in the layer's order, then the computed measure. */
export function sampleColumns(layer: ImportLayer, mapping: Readonly<Record<string, string>>): string[] {
  const filled = new Set(Object.values(mapping).map(columnOf));
  const ordered: string[] = TARGET_FIELDS[layer].filter((c) => filled.has(c));
  return [...ordered, layer === 'transport' ? 'length_m' : 'area_m2'];
}
