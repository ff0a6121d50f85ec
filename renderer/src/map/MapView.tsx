import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BBox, FeatureCollection } from '../../../shared/api/geojson.js';
import type { LayerId } from '../../../shared/api/layers.js';
import type { StatusDef } from '../../../shared/api/settings.js';
import type { BasemapView } from './basemap-style.js';
import { MapController, type MapSelection, type SelectGesture } from './map-controller.js';
import { useApi } from '../api/api-context.js';
import { onContractEvent } from '../api/events.js';
import type { TiledLayers } from './tiled-source.js';
import type { MapPresentation } from './layer-style/presentation.js';

/** A request to move the view; a new object (even with the same bbox) flies again. */
export interface MapFocus {
  bbox: BBox;
}

export interface MapViewProps {
  statuses: readonly StatusDef[];
  data: Partial<Record<LayerId, FeatureCollection>>;
  visible: ReadonlySet<LayerId>;
  selection: MapSelection | null;
  bbox: BBox | null;
  dataReady: boolean;
  onSelect: (selection: MapSelection | null, gesture: SelectGesture) => void;
  /** Further selected features (Shift+click), highlighted like the selection. */
  multiSelection?: readonly MapSelection[];
  focus?: MapFocus | null;
  /** Parcels behind a drill-down figure: outlined and framed (a new array frames again). */
  highlight?: readonly number[];
  /** The layer panel's styling, filters, opacity and order. */
  presentation?: MapPresentation;
  /** The basemap under the project layers (features/basemap); null or absent = offline. */
  basemap?: BasemapView | null;
  /** Receives the controller once the map exists (and null when it goes): the map tools reach the map through it. */
  onController?: (controller: MapController | null) => void;
  /**
   * Layers drawn from the core's vector tiles (parcels, DESIGN §5): their URL templates (read once,
   * when the map is made), a revision that reloads every tile when bumped (an import), and the
   * project's feature counts. A dataChanged event refreshes the tiles it touched at once.
   */
  tiles?: { layers: TiledLayers; revision: number; counts: Partial<Record<LayerId, number>> };
}

const NO_SELECTIONS: readonly MapSelection[] = [];
const NO_FIDS: readonly number[] = [];

/** The map's DOM host. All map work is in MapController; this only pushes props into it. */
export function MapView(props: MapViewProps) {
  const { t } = useTranslation();
  const hostRef = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<MapController | null>(null);
  const api = useApi();
  const tiledRef = useRef(props.tiles?.layers ?? {});
  const onSelectRef = useRef(props.onSelect);
  useEffect(() => {
    onSelectRef.current = props.onSelect;
  }, [props.onSelect]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    let created: MapController | null = null;
    // A task later: the requests this commit's effects make (the project's data) go out before the
    // WebGL context and the style take the main thread (over a second in SwiftShader).
    const timer = window.setTimeout(() => {
      created = new MapController(host, { onSelect: (s, g) => onSelectRef.current(s, g), tiled: tiledRef.current });
      setController(created);
    }, 0);
    return () => {
      window.clearTimeout(timer);
      setController(null);
      created?.destroy();
    };
  }, []);

  useEffect(() => controller?.setStatuses(props.statuses), [controller, props.statuses]);
  useEffect(() => {
    if (!controller) return;
    for (const [layer, collection] of Object.entries(props.data) as Array<[LayerId, FeatureCollection | undefined]>) {
      if (collection) controller.setLayerData(layer, collection);
    }
  }, [controller, props.data]);
  useEffect(() => controller?.setVisibleLayers(props.visible), [controller, props.visible]);
  useEffect(() => controller?.setSelection(props.selection), [controller, props.selection]);
  useEffect(() => controller?.fitBoundsOnce(props.bbox), [controller, props.bbox]);
  const multiSelection = props.multiSelection ?? NO_SELECTIONS;
  useEffect(() => controller?.setMultiSelection(multiSelection), [controller, multiSelection]);
  const focus = props.focus ?? null;
  useEffect(() => {
    if (focus) controller?.flyToBounds(focus.bbox);
  }, [controller, focus]);
  const highlight = props.highlight ?? NO_FIDS;
  useEffect(() => {
    if (!controller) return undefined;
    controller.setHighlight(highlight);
    // Tiled parcels are not in the page: the core frames them.
    if (highlight.length === 0 || tiledRef.current.parcels === undefined) return undefined;
    let live = true;
    api.parcelRows({ fids: [...highlight], limit: 0 }).then(
      (r) => live && r.bbox && controller.flyToBounds(r.bbox),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, controller, highlight]);
  // An edit's boxes (or an import: everything) → the tiles they touch are reloaded, at once.
  useEffect(() => {
    if (!controller) return undefined;
    return onContractEvent(api, 'dataChanged', ({ layers, extent }) => {
      for (const layer of layers) controller.refreshTiles(layer, extent);
    });
  }, [api, controller]);
  const tileRevision = props.tiles?.revision ?? 0;
  useEffect(() => {
    if (tileRevision > 0) for (const layer of Object.keys(tiledRef.current) as LayerId[]) controller?.refreshTiles(layer);
  }, [controller, tileRevision]);
  const tileCounts = props.tiles?.counts;
  useEffect(() => {
    if (tileCounts) controller?.setLayerCounts(tileCounts);
  }, [controller, tileCounts]);
  useEffect(() => controller?.setDataReady(props.dataReady), [controller, props.dataReady]);
  const { presentation } = props;
  useEffect(() => {
    if (presentation) controller?.setPresentation(presentation);
  }, [controller, presentation]);
  const basemap = props.basemap ?? null;
  useEffect(() => controller?.setBasemap(basemap), [controller, basemap]);
  const { onController } = props;
  useEffect(() => onController?.(controller), [controller, onController]);

  return <div ref={hostRef} className="map-host" data-testid="map" role="region" aria-label={t('map.label')} />;
}
