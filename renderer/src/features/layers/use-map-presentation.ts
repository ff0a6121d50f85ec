import { useMemo } from 'react';
import type { FeatureCollection } from '../../../../shared/api/geojson.js';
import type { TallyResult } from '../../../../shared/api/import.js';
import type { LayerId } from '../../../../shared/api/layers.js';
import type { MapPanelState } from '../../../../shared/api/map-panel.js';
import type { ParcelFacetRow } from '../../../../shared/api/parcel-facets.js';
import type { Locale, Settings } from '../../../../shared/api/settings.js';
import { DEFAULT_SETTINGS } from '../../../../shared/domain/vocabulary.js';
import { blockLabelField, blockLabelTexts } from '../../map/layer-style/block-labels.js';
import type { ClassedStyle } from '../../map/layer-style/classes.js';
import { renewalPhases, transportStages } from '../../map/layer-style/layer-styles.js';
import { normalizeOrder } from '../../map/layer-style/layer-order.js';
import { parcelFilterExpression } from '../../map/layer-style/parcel-filter.js';
import { parcelStyle } from '../../map/layer-style/parcel-styles.js';
import type { MapPresentation } from '../../map/layer-style/presentation.js';

export interface PresentationInput {
  state: MapPanelState;
  settings: Settings | null;
  facets: readonly ParcelFacetRow[];
  data: Partial<Record<LayerId, FeatureCollection>>;
  /** The tally by block of the year shown in the tally panel (key block labels). */
  tally: TallyResult | null;
  locale: Locale;
}

/** The map's presentation and the class definitions behind it (which the legend lists). */
export interface PresentationModel {
  presentation: MapPresentation;
  parcelStyle: ClassedStyle;
  renewalPhases: ClassedStyle;
  transportStages: ClassedStyle;
}

const NO_ROWS: readonly ParcelFacetRow[] = [];

export function useMapPresentation({ state, settings, facets, data, tally, locale }: PresentationInput): PresentationModel {
  const statuses = settings?.statuses ?? DEFAULT_SETTINGS.statuses;
  const methods = settings?.methods ?? DEFAULT_SETTINGS.methods;
  const stages = settings?.stages ?? DEFAULT_SETTINGS.stages;
  const rows = facets.length > 0 ? facets : NO_ROWS;
  const parcels = useMemo(() => parcelStyle(state.parcelStyle, { statuses, methods, facets: rows }), [state.parcelStyle, statuses, methods, rows]);
  const zones = data.renewal_zones;
  const phases = useMemo(() => renewalPhases(phaseValues(zones)), [zones]);
  const stageStyle = useMemo(() => transportStages(stages), [stages]);
  const blocks = data.key_blocks;
  const blockLabel = useMemo(() => blockLabelField(blockLabelTexts(blocks, tally, locale)), [blocks, tally, locale]);
  const filter = useMemo(() => parcelFilterExpression(state.parcelFilter), [state.parcelFilter]);
  const order = useMemo(() => normalizeOrder(state.order), [state.order]);

  const presentation = useMemo<MapPresentation>(
    () => ({
      parcelStyle: parcels,
      parcelFilter: filter,
      renewalPhases: phases,
      transportStages: stageStyle,
      blockLabel,
      opacity: state.opacity,
      order,
      basemapVisible: !state.hidden.includes('basemap'),
    }),
    [parcels, filter, phases, stageStyle, blockLabel, state.opacity, order, state.hidden],
  );
  return { presentation, parcelStyle: parcels, renewalPhases: phases, transportStages: stageStyle };
}

function phaseValues(zones: FeatureCollection | undefined): string[] {
  const values = new Set<string>();
  for (const f of zones?.features ?? []) {
    const phase = f.properties['phase'];
    if (phase !== null && phase !== undefined && phase !== '') values.add(String(phase));
  }
  return [...values];
}
