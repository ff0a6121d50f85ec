import { z } from 'zod';
import type { PropertyValue } from './geojson.js';
import type { LayerId } from './layers.js';

/**
 * One filter for a layer's features, shared by every feature that narrows a layer: the export
 * (exportLayer), the layer panel's filters and the attribute table. Keys are ANDed; the values of
 * one key are ORed; `null` in a list matches an empty value (NULL or blank: "未填", e.g. parcels
 * in no key block). A key applies only to the layers that have its column (FILTER_COLUMNS).
 */
export const FILTER_KEYS = ['status', 'town', 'method', 'block', 'completedYear'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const TextValues = z.array(z.string().trim().min(1).nullable()).min(1);

export const LayerFilter = z
  .object({
    /** Remediation status (整治状态), e.g. 已完成. */
    status: TextValues.optional(),
    /** Town / sub-district (镇街). */
    town: TextValues.optional(),
    /** Remediation method (整治方式). */
    method: TextValues.optional(),
    /** Key block code: the parcel's spatial block (block_code), or the block itself in key_blocks. */
    block: TextValues.optional(),
    /** Year of the completion date (completed_on). */
    completedYear: z.array(z.number().int().min(1900).max(2100).nullable()).min(1).optional(),
  })
  .strict();
export type LayerFilter = z.infer<typeof LayerFilter>;

/** The column each filter key reads, per layer; a layer missing from a key's entry cannot use it. */
export const FILTER_COLUMNS: Record<FilterKey, Partial<Record<LayerId, string>>> = {
  status: { parcels: 'status' },
  town: { parcels: 'town', key_blocks: 'town', projects: 'town' },
  method: { parcels: 'method' },
  block: { parcels: 'block_code', key_blocks: 'code' },
  completedYear: { parcels: 'completed_on' },
};

/** Filter keys that are set and that `layer` has no column for. */
export function unsupportedFilterKeys(layer: LayerId, filter: LayerFilter): FilterKey[] {
  return FILTER_KEYS.filter((k) => filter[k] !== undefined && FILTER_COLUMNS[k][layer] === undefined);
}

/** True when no key is set (every feature matches). */
export function isEmptyFilter(filter: LayerFilter | undefined): boolean {
  return !filter || FILTER_KEYS.every((k) => filter[k] === undefined);
}

/** A text value as filters compare it: trimmed, blank → null. */
export function filterText(v: PropertyValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** The year of a 'YYYY-MM-DD…' date, or null. */
export function filterYear(v: PropertyValue | undefined): number | null {
  const s = filterText(v);
  const m = s === null ? null : /^(\d{4})-/.exec(s);
  return m ? Number(m[1]) : null;
}

/**
 * Does a feature (its properties, as the contract carries them) pass the filter? Keys the layer
 * cannot use never match, so a wrong filter shows nothing instead of everything.
 */
export function matchesLayerFilter(layer: LayerId, properties: Readonly<Record<string, PropertyValue>>, filter: LayerFilter | undefined): boolean {
  if (!filter) return true;
  for (const key of FILTER_KEYS) {
    const wanted = filter[key];
    if (wanted === undefined) continue;
    const column = FILTER_COLUMNS[key][layer];
    if (column === undefined) return false;
    const value = key === 'completedYear' ? filterYear(properties[column]) : filterText(properties[column]);
    if (!(wanted as readonly (string | number | null)[]).includes(value)) return false;
  }
  return true;
}
