import type { LayerId } from '../../../../shared/api/layers.js';
import { PLATFORM_LEVELS, TRANSPORT_MODES, renewalPhases } from '../../map/layer-style/layer-styles.js';
import { KEY_BLOCK_COLOR, PROJECT_COLOR } from '../../map/style.js';

export type SwatchKind = 'fill' | 'dashed' | 'line' | 'point';

const firstColor = (classes: readonly { color: string }[], otherwise: string): string => classes[0]?.color ?? otherwise;

/** The small symbol beside each layer name, drawn like the layer is on the map. */
export const LAYER_SWATCHES: Record<LayerId, { kind: SwatchKind; color: string }> = {
  projects: { kind: 'point', color: PROJECT_COLOR },
  transport: { kind: 'line', color: TRANSPORT_MODES.classes.find((c) => c.key === 'expressway')?.color ?? TRANSPORT_MODES.fallback.color },
  key_blocks: { kind: 'dashed', color: KEY_BLOCK_COLOR },
  platforms: { kind: 'dashed', color: firstColor(PLATFORM_LEVELS.classes, PLATFORM_LEVELS.fallback.color) },
  parcels: { kind: 'fill', color: '#f5a623' },
  renewal_zones: { kind: 'fill', color: renewalPhases([]).fallback.color },
};
