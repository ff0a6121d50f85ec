import { useEffect, useMemo, useState } from 'react';
import type { StatusDef } from '../../../../shared/api/settings.js';
import type { TiledLayers } from '../../map/tiled-source.js';
import { PrintMap } from './print-map.js';

export interface PrintMapSpec {
  statuses: readonly StatusDef[];
  width: number;
  height: number;
  pixelRatio: number;
  tiled: TiledLayers;
}

/**
 * One offscreen PrintMap for as long as its size, resolution, statuses and tile sources stay the
 * same: the next briefing (another block, another date) reuses its WebGL context, shaders, glyphs
 * and loaded tiles instead of starting over.
 */
export function usePrintMap(spec: PrintMapSpec | null): PrintMap | null {
  const key = spec ? JSON.stringify(spec) : null;
  // The spec as a value: a new object with the same content keeps the map.
  const stable = useMemo(() => (key ? (JSON.parse(key) as PrintMapSpec) : null), [key]);
  const [map, setMap] = useState<PrintMap | null>(null);
  useEffect(() => {
    if (!stable) return undefined;
    const created = new PrintMap(stable);
    setMap(created);
    return () => {
      setMap(null);
      created.destroy();
    };
  }, [stable]);
  return map;
}
