import { useCallback, useState } from 'react';
import { LAYER_IDS, type LayerId } from '../../../../shared/api/layers.js';

export interface LayerVisibility {
  visible: ReadonlySet<LayerId>;
  toggle: (layer: LayerId) => void;
}

/** Which layers are shown; a new Set on every change, so the map sees the change by identity. */
export function useLayerVisibility(initial: Iterable<LayerId> = LAYER_IDS): LayerVisibility {
  const [visible, setVisible] = useState<ReadonlySet<LayerId>>(() => new Set(initial));
  const toggle = useCallback((layer: LayerId) => {
    setVisible((current) => {
      const next = new Set(current);
      if (next.has(layer)) next.delete(layer);
      else next.add(layer);
      return next;
    });
  }, []);
  return { visible, toggle };
}
