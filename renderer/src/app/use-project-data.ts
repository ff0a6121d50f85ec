import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProjectInfo } from '../../../shared/api/contract.js';
import type { FeatureCollection } from '../../../shared/api/geojson.js';
import type { LayerId, LayerInfo } from '../../../shared/api/layers.js';
import type { Settings } from '../../../shared/api/settings.js';
import { onContractEvent } from '../api/events.js';
import type { ApiClient } from '../api/planner-bridge.js';

export interface ProjectData {
  info: ProjectInfo | null;
  settings: Settings | null;
  layers: LayerInfo[];
  /** Features per layer; a layer's object is replaced only when that layer is reloaded. */
  data: Partial<Record<LayerId, FeatureCollection>>;
  /** The first load is still running. */
  loading: boolean;
}

export interface ProjectDataHandle extends ProjectData {
  /** Every listed layer has its features: the map can report itself ready. */
  dataReady: boolean;
  setSettings(settings: Settings): void;
  /** Reloads the summary and every layer (after an import, whether or not dataChanged arrives). */
  reload(): void;
  /** Replaces one layer's features at once (an edit's known result), ahead of its reload. */
  patchLayer(layer: LayerId, patch: (collection: FeatureCollection) => FeatureCollection): void;
}

const LAYER_RELOAD_DELAY_MS = 250;

const INITIAL: ProjectData = { info: null, settings: null, layers: [], data: {}, loading: true };

/**
 * Loads the project through the contract (info, settings, layers, then each layer's features) and
 * reloads the affected layers whenever the backend reports `dataChanged`.
 */
export function useProjectData(api: ApiClient, report: (err: unknown) => void): ProjectDataHandle {
  const [state, setState] = useState<ProjectData>(INITIAL);
  // A newer request for a layer wins over an older one that answers late.
  const generation = useRef(new Map<LayerId, number>());

  const loadLayer = useCallback(
    async (layer: LayerId): Promise<void> => {
      const gen = (generation.current.get(layer) ?? 0) + 1;
      generation.current.set(layer, gen);
      const collection = await api.layerFeatures({ layer });
      if (generation.current.get(layer) !== gen) return;
      setState((s) => ({ ...s, data: { ...s.data, [layer]: collection } }));
    },
    [api],
  );

  const loadSummary = useCallback(async (): Promise<LayerInfo[]> => {
    const [info, layers] = await Promise.all([api.projectInfo({}), api.listLayers({})]);
    setState((s) => ({ ...s, info, layers }));
    return layers;
  }, [api]);

  useEffect(() => {
    let live = true;
    const loadAll = async (): Promise<void> => {
      try {
        const [settings, layers] = await Promise.all([api.getSettings({}), loadSummary()]);
        if (!live) return;
        setState((s) => ({ ...s, settings }));
        await Promise.all(layers.map((l) => loadLayer(l.id).catch(report)));
      } catch (err) {
        if (live) report(err);
      } finally {
        if (live) setState((s) => ({ ...s, loading: false }));
      }
    };
    void loadAll();

    // A layer's features are the largest answer (≈ 2 MB for 3,000 parcels): they and the summary
    // (counts, extent) are fetched a moment after the event, once per burst, so the small answers
    // the user waits for (tally, goals, the parcel card) are served first. An edit has already
    // patched the map (patchLayer).
    const pending = new Set<LayerId>();
    let timer: number | undefined;
    const off = onContractEvent(api, 'dataChanged', ({ layers }) => {
      // Settings changes arrive as dataChanged with no layers; reloading them is cheap either way.
      api.getSettings({}).then((settings) => live && setState((s) => ({ ...s, settings })), report);
      for (const layer of layers) pending.add(layer);
      if (timer !== undefined || pending.size === 0) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        void loadSummary().catch(report);
        for (const layer of pending) void loadLayer(layer).catch(report);
        pending.clear();
      }, LAYER_RELOAD_DELAY_MS);
    });
    return () => {
      window.clearTimeout(timer);
      live = false;
      off();
    };
  }, [api, loadLayer, loadSummary, report]);

  const setSettings = useCallback((settings: Settings) => setState((s) => ({ ...s, settings })), []);
  const reload = useCallback(() => {
    loadSummary()
      .then((layers) => Promise.all(layers.map((l) => loadLayer(l.id))))
      .catch(report);
  }, [loadSummary, loadLayer, report]);
  const patchLayer = useCallback((layer: LayerId, patch: (c: FeatureCollection) => FeatureCollection) => {
    setState((s) => {
      const current = s.data[layer];
      const next = current ? patch(current) : current;
      return next === current ? s : { ...s, data: { ...s.data, [layer]: next } };
    });
  }, []);
  const dataReady =
    !state.loading && state.info !== null && state.layers.every((l) => state.data[l.id] !== undefined);
  return { ...state, dataReady, setSettings, reload, patchLayer };
}
