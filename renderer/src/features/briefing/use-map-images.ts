import { useEffect, useMemo, useState } from 'react';
import type { FeatureCollection } from '../../../../shared/api/geojson.js';
import type { LayerId } from '../../../../shared/api/layers.js';
import type { SheetModel } from './briefing-model.js';
import type { MapSnapshot, PrintMap } from './print-map.js';

export interface MapImages {
  /** Pictures by sheet key, as they arrive. */
  images: ReadonlyMap<string, MapSnapshot>;
  done: number;
  total: number;
  error: string | null;
}

const EMPTY: ReadonlyMap<string, MapSnapshot> = new Map();

/**
 * Draws the map picture of every sheet, one after the other, in one offscreen PrintMap: the layers
 * are loaded into it once and the view jumps from extent to extent (the atlas's 19 maps cost one
 * map). Notes and figures do not redraw the maps: only the extents, the layers and the map do.
 */
export function useMapImages(sheets: readonly SheetModel[] | null, layers: Partial<Record<LayerId, FeatureCollection>> | null, map: PrintMap | null): MapImages {
  const [state, setState] = useState<MapImages>({ images: EMPTY, done: 0, total: 0, error: null });
  // What the maps depend on, as a value: a new notes text builds new sheet objects but the same key.
  const extentsKey = useMemo(() => JSON.stringify((sheets ?? []).map((s) => [s.key, s.bbox, s.focus])), [sheets]);

  useEffect(() => {
    const wanted = (JSON.parse(extentsKey) as [string, SheetModel['bbox'], SheetModel['focus']][]).map(([key, bbox, focus]) => ({ key, bbox, focus }));
    if (!layers || !map || wanted.length === 0) return undefined;
    let cancelled = false;
    setState({ images: EMPTY, done: 0, total: wanted.length, error: null });
    const run = async (): Promise<void> => {
      await map.setData(layers);
      for (const sheet of wanted) {
        if (cancelled) return;
        if (!sheet.bbox) {
          setState((s) => ({ ...s, done: s.done + 1 }));
          continue;
        }
        const snap = await map.snapshot(sheet.bbox, sheet.focus);
        if (cancelled) return;
        setState((s) => ({ ...s, images: new Map(s.images).set(sheet.key, snap), done: s.done + 1 }));
      }
    };
    run().catch((err: unknown) => {
      if (!cancelled) setState((s) => ({ ...s, error: err instanceof Error ? err.message : String(err) }));
    });
    return () => {
      cancelled = true;
    };
  }, [extentsKey, layers, map]);

  return state;
}
