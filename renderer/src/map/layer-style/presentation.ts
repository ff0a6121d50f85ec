import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import type { LayerId } from '../../../../shared/api/layers.js';
import type { ClassedStyle } from './classes.js';

/**
 * What the layer panel wants the map to show beyond data, visibility and selection: the parcel
 * styling and filter, the data-dependent classes of the other layers, the key block labels,
 * opacity, drawing order and the basemap switch. Built in React (use-map-presentation.ts) from
 * the same definitions as the legend; applied by MapPresenter.
 */
export interface MapPresentation {
  parcelStyle: ClassedStyle;
  /** maplibre filter of the parcel layers; null = every parcel. */
  parcelFilter: FilterSpecification | null;
  renewalPhases: ClassedStyle;
  transportStages: ClassedStyle;
  /** text-field of the key block labels (block-labels.ts). */
  blockLabel: ExpressionSpecification;
  /** 0…1 per project layer; missing = 1. (The basemap's opacity is its own setting.) */
  opacity: Partial<Record<LayerId, number>>;
  /** Project layers, top first. */
  order: readonly LayerId[];
  basemapVisible: boolean;
}
