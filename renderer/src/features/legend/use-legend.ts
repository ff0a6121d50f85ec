import { useMemo } from 'react';
import type { LayerId } from '../../../../shared/api/layers.js';
import { buildLegend, type LegendInput, type LegendSection } from './legend-model.js';

export interface LegendModel {
  sections: LegendSection[];
  /** Parcels are filtered: their counts are of the filtered set. */
  filtered: boolean;
  /** The tally year the key block labels show. */
  year: number;
}

/** The legend of what the map shows now (buildLegend), recomputed when any input changes. */
export function useLegend(input: LegendInput, order: readonly LayerId[], year: number): LegendModel {
  const { visible, parcelStyleId, parcelStyle, parcelFilter, facets, renewalPhases, transportStages, data, locale } = input;
  return useMemo(() => {
    const sections = buildLegend({ visible, parcelStyleId, parcelStyle, parcelFilter, facets, renewalPhases, transportStages, data, locale }, order);
    return { sections, filtered: Object.keys(parcelFilter).length > 0, year };
  }, [visible, parcelStyleId, parcelStyle, parcelFilter, facets, renewalPhases, transportStages, data, locale, order, year]);
}
