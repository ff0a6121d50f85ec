import { useMemo } from 'react';
import type { ProjectInfo } from '../../../../shared/api/contract.js';
import type { FeatureCollection } from '../../../../shared/api/geojson.js';
import type { TallyResult } from '../../../../shared/api/import.js';
import type { LayerId } from '../../../../shared/api/layers.js';
import type { Locale, Settings } from '../../../../shared/api/settings.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { normalizeOrder } from '../../map/layer-style/layer-order.js';
import type { MapPresentation } from '../../map/layer-style/presentation.js';
import { useLegend, type LegendModel } from '../legend/use-legend.js';
import { filterGroups, filteredCount, type FilterGroup } from './filter-options.js';
import { useLayerPanel, type LayerPanelHandle } from './use-layer-panel.js';
import { useMapPresentation } from './use-map-presentation.js';
import { useParcelFacets } from './use-parcel-facets.js';

export interface LayerWorkspaceInput {
  api: ApiClient;
  settings: Settings | null;
  info: ProjectInfo | null;
  data: Partial<Record<LayerId, FeatureCollection>>;
  /** The tally panel's result and year (key block labels). */
  tally: TallyResult | null;
  year: number;
  /** Changes after an import (the facets reload). */
  refresh: number;
  locale: Locale;
  report: (err: unknown) => void;
}

export interface LayerWorkspace {
  panel: LayerPanelHandle;
  presentation: MapPresentation;
  legend: LegendModel;
  filterGroups: FilterGroup[];
  parcelCounts: { matched: number; total: number } | null;
}

/**
 * The layer panel, its parcel filters, the map's presentation and the legend, wired together:
 * one state (persisted per project), one set of class definitions for map and legend.
 */
export function useLayerWorkspace({ api, settings, info, data, tally, year, refresh, locale, report }: LayerWorkspaceInput): LayerWorkspace {
  const panel = useLayerPanel(api, settings, info?.path ?? null, report);
  const facets = useParcelFacets(api, refresh, report);
  const rows = facets?.rows ?? null;
  const model = useMapPresentation({ state: panel.state, settings, facets: rows ?? [], data, tally, locale });
  const filter = panel.state.parcelFilter;
  const order = useMemo(() => normalizeOrder(panel.state.order), [panel.state.order]);
  const legend = useLegend(
    {
      visible: panel.visible,
      parcelStyleId: panel.state.parcelStyle,
      parcelStyle: model.parcelStyle,
      parcelFilter: filter,
      facets: rows,
      renewalPhases: model.renewalPhases,
      transportStages: model.transportStages,
      data,
      locale,
    },
    order,
    year,
  );
  const blocks = data.key_blocks;
  const blockNames = useMemo(() => blockNameMap(blocks), [blocks]);
  const groups = useMemo(
    () => filterGroups(rows ?? [], filter, { settings, blockNames, locale }),
    [rows, filter, settings, blockNames, locale],
  );
  const parcelCounts = useMemo(() => (rows ? filteredCount(rows, filter) : null), [rows, filter]);
  return { panel, presentation: model.presentation, legend, filterGroups: groups, parcelCounts };
}

function blockNameMap(blocks: FeatureCollection | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const f of blocks?.features ?? []) {
    const code = f.properties['code'];
    const name = f.properties['name'];
    if (typeof code === 'string' && typeof name === 'string') names.set(code, name);
  }
  return names;
}
