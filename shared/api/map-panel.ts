import { z } from 'zod';
import { LayerFilter } from './layer-filter.js';
import { LAYER_IDS, LayerId } from './layers.js';

/**
 * The layer panel's state, remembered per project in its settings (key `mapPanel`): which layers
 * are shown, their opacity and drawing order, how parcels are coloured and filtered. Every part
 * falls back to its default on its own, so a stale or hand-edited value never costs the project
 * its other settings.
 */
export const PARCEL_STYLES = ['status', 'method', 'perMu', 'year'] as const;
export const ParcelStyleId = z.enum(PARCEL_STYLES);
export type ParcelStyleId = z.infer<typeof ParcelStyleId>;

/** The rows of the layer panel: the project's layers and the basemap (always drawn lowest). */
export const PANEL_LAYERS = [...LAYER_IDS, 'basemap'] as const;
export const PanelLayerId = z.enum(PANEL_LAYERS);
export type PanelLayerId = z.infer<typeof PanelLayerId>;

export const MapPanelState = z.object({
  /** Rows switched off. */
  hidden: z.array(PanelLayerId).catch([]),
  /** 0 (transparent) … 1 (as styled); rows not listed are at 1. */
  opacity: z.partialRecord(PanelLayerId, z.number().min(0).max(1)).catch({}),
  /** Project layers top to bottom, as listed in the panel (QGIS order). */
  order: z.array(LayerId).catch([]),
  parcelStyle: ParcelStyleId.catch('status'),
  parcelFilter: LayerFilter.catch({}),
});
export type MapPanelState = z.infer<typeof MapPanelState>;
