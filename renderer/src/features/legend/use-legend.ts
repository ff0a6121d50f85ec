import { useMemo } from 'react';
import type { FeatureCollection } from '../../../../shared/api/geojson.js';
import type { Locale, StatusDef } from '../../../../shared/api/settings.js';

export interface LegendEntry {
  value: string;
  label: string;
  color: string;
  /** Parcels with this status in the loaded data. */
  count: number;
}

export interface LegendModel {
  entries: LegendEntry[];
  /** Parcels whose status is empty or not in the vocabulary (drawn in the fallback colour). */
  otherCount: number;
}

/** Legend rows: one per status in settings, in their order, labelled in the interface language. */
export function useLegend(statuses: readonly StatusDef[], parcels: FeatureCollection | undefined, locale: Locale): LegendModel {
  const counts = useMemo(() => countByStatus(parcels), [parcels]);
  return useMemo(() => {
    const entries = statuses.map((s) => ({
      value: s.value,
      label: locale === 'en' ? s.labelEn : s.value,
      color: s.color,
      count: counts.get(s.value) ?? 0,
    }));
    const listed = entries.reduce((sum, e) => sum + e.count, 0);
    return { entries, otherCount: (parcels?.features.length ?? 0) - listed };
  }, [statuses, counts, locale, parcels]);
}

function countByStatus(parcels: FeatureCollection | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of parcels?.features ?? []) {
    const status = f.properties['status'];
    if (typeof status !== 'string') continue;
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return counts;
}
