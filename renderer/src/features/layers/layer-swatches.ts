import type { LayerId } from '../../../../shared/api/layers.js';
import { KEY_BLOCK_COLOR, PLATFORM_COLOR, PROJECT_COLOR, RENEWAL_PHASE_PALETTE } from '../../map/style.js';

export type SwatchKind = 'fill' | 'dashed' | 'line' | 'point';

/** The small symbol beside each layer name, drawn like the layer is on the map. */
export const LAYER_SWATCHES: Record<LayerId, { kind: SwatchKind; color: string }> = {
  projects: { kind: 'point', color: PROJECT_COLOR },
  transport: { kind: 'line', color: '#e65100' },
  key_blocks: { kind: 'dashed', color: KEY_BLOCK_COLOR },
  platforms: { kind: 'dashed', color: PLATFORM_COLOR },
  parcels: { kind: 'fill', color: '#f5a623' },
  renewal_zones: { kind: 'fill', color: RENEWAL_PHASE_PALETTE[0] ?? '#7e57c2' },
};

/** Top of the list is top of the drawing order, as in QGIS. */
export const LAYER_LIST_ORDER: readonly LayerId[] = ['projects', 'transport', 'key_blocks', 'platforms', 'parcels', 'renewal_zones'];
