import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ProjectInfo } from '../../../shared/api/contract.js';
import type { FeatureCollection } from '../../../shared/api/geojson.js';
import { LAYER_IDS, type LayerId, type LayerInfo } from '../../../shared/api/layers.js';
import type { Settings } from '../../../shared/api/settings.js';
import { tilePathTemplate } from '../../../shared/api/tiles.js';
import { onContractEvent } from '../api/events.js';
import type { ApiClient } from '../api/planner-bridge.js';
import type { TiledLayers } from '../map/tiled-source.js';

/** The layers the map draws from the core's vector tiles, and when they changed as a whole. */
export interface ProjectTiles {
  /** Tile URL template per tiled layer (fixed for the page's life). */
  layers: TiledLayers;
  /** Bumped by `reload()` (an import): every tile of the tiled layers is reloaded. */
  revision: number;
  /** The project's feature count per layer (listLayers). */
  counts: Partial<Record<LayerId, number>>;
}

export interface ProjectData {
  info: ProjectInfo | null;
  settings: Settings | null;
  layers: LayerInfo[];
  /**
   * Features of the layers drawn from GeoJSON (not the tiled ones: parcels stay in the core);
   * a layer's object is replaced only when that layer is reloaded.
   */
  data: Partial<Record<LayerId, FeatureCollection>>;
  /** The first load is still running. */
  loading: boolean;
}

export interface ProjectDataHandle extends ProjectData {
  /** Every listed GeoJSON layer has its features: the map can report itself ready. */
  dataReady: boolean;
  /** The tiled layers (parcels); their tiles refresh themselves on dataChanged (MapView). */
  tiles: ProjectTiles;
  setSettings(settings: Settings): void;
  /** Reloads the summary and every layer (after an import, whether or not dataChanged arrives). */
  reload(): void;
  /** Replaces one GeoJSON layer's features at once (an edit's known result), ahead of its reload; a tiled layer is left alone. */
  patchLayer(layer: LayerId, patch: (collection: FeatureCollection) => FeatureCollection): void;
}

const LAYER_RELOAD_DELAY_MS = 250;

const INITIAL: ProjectData = { info: null, settings: null, layers: [], data: {}, loading: true };

/**
 * How the parcels reach the map: vector tiles cut by the core (DESIGN §5), or — `?parcels=geojson`
 * in the page URL, for the comparison in `npm run bench -- map` only — the whole layer as one
 * GeoJSON source, as before the tiles.
 */
export function parcelsAsTiles(search: string): boolean {
  return new URLSearchParams(search).get('parcels') !== 'geojson';
}

/**
 * Loads the project through the contract (info, settings, layers, then each GeoJSON layer's
 * features) and reloads the affected layers whenever the backend reports `dataChanged`. The
 * parcels are not loaded here: the map draws them from tiles, and figures about them come from the
 * core (parcelFacets, tally, parcelRows).
 */
export function useProjectData(api: ApiClient, report: (err: unknown) => void): ProjectDataHandle {
  const [state, setState] = useState<ProjectData>(INITIAL);
  const [tileRevision, setTileRevision] = useState(0);
  const tiled = useMemo<TiledLayers>(
    () => (parcelsAsTiles(window.location.search) ? { parcels: api.resourceUrl(tilePathTemplate('parcels')) } : {}),
    [api],
  );
  const isTiled = useCallback((layer: LayerId) => tiled[layer] !== undefined, [tiled]);
  // A newer request for a layer wins over an older one that answers late.
  const generation = useRef(new Map<LayerId, number>());

  const loadLayer = useCallback(
    async (layer: LayerId): Promise<void> => {
      if (isTiled(layer)) return;
      const gen = (generation.current.get(layer) ?? 0) + 1;
      generation.current.set(layer, gen);
      const collection = await api.layerFeatures({ layer });
      if (generation.current.get(layer) !== gen) return;
      setState((s) => ({ ...s, data: { ...s.data, [layer]: collection } }));
    },
    [api, isTiled],
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
        // Every layer's features are asked for with the summary, not after it (listLayers lists all of LAYER_IDS).
        const features = Promise.all(LAYER_IDS.map((id) => loadLayer(id).catch(report)));
        const [settings] = await Promise.all([api.getSettings({}), loadSummary()]);
        if (!live) return;
        setState((s) => ({ ...s, settings }));
        await features;
      } catch (err) {
        if (live) report(err);
      } finally {
        if (live) setState((s) => ({ ...s, loading: false }));
      }
    };
    void loadAll();

    // GeoJSON layers and the summary (counts, extent) are fetched a moment after the event, once
    // per burst, so the small answers the user waits for (tally, goals, the parcel card) are served
    // first. Tiled layers refresh their own tiles at once (MapView), only those the change touched.
    const pending = new Set<LayerId>();
    let summaryDue = false;
    let timer: number | undefined;
    const off = onContractEvent(api, 'dataChanged', ({ layers }) => {
      // Settings changes arrive as dataChanged with no layers; reloading them is cheap either way.
      api.getSettings({}).then((settings) => live && setState((s) => ({ ...s, settings })), report);
      for (const layer of layers) {
        summaryDue = true;
        if (!isTiled(layer)) pending.add(layer);
      }
      if (timer !== undefined || !summaryDue) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        summaryDue = false;
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
  }, [api, loadLayer, loadSummary, report, isTiled]);

  const setSettings = useCallback((settings: Settings) => setState((s) => ({ ...s, settings })), []);
  const reload = useCallback(() => {
    setTileRevision((n) => n + 1);
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
  const counts = useMemo(() => Object.fromEntries(state.layers.map((l) => [l.id, l.featureCount])) as Partial<Record<LayerId, number>>, [state.layers]);
  const tiles = useMemo<ProjectTiles>(() => ({ layers: tiled, revision: tileRevision, counts }), [tiled, tileRevision, counts]);
  const dataReady =
    !state.loading && state.info !== null && state.layers.every((l) => isTiled(l.id) || state.data[l.id] !== undefined);
  return { ...state, dataReady, tiles, setSettings, reload, patchLayer };
}
