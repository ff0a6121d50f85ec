import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BBox, FeatureCollection } from '../../../shared/api/geojson.js';
import type { LayerId } from '../../../shared/api/layers.js';
import type { StatusDef } from '../../../shared/api/settings.js';
import { MapController, type MapSelection, type SelectGesture } from './map-controller.js';

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
}

const NO_SELECTIONS: readonly MapSelection[] = [];
const NO_FIDS: readonly number[] = [];

/** The map's DOM host. All map work is in MapController; this only pushes props into it. */
export function MapView(props: MapViewProps) {
  const { t } = useTranslation();
  const hostRef = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<MapController | null>(null);
  const onSelectRef = useRef(props.onSelect);
  useEffect(() => {
    onSelectRef.current = props.onSelect;
  }, [props.onSelect]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    const created = new MapController(host, { onSelect: (s, g) => onSelectRef.current(s, g) });
    setController(created);
    return () => {
      setController(null);
      created.destroy();
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
  useEffect(() => controller?.setHighlight(highlight), [controller, highlight]);
  useEffect(() => controller?.setDataReady(props.dataReady), [controller, props.dataReady]);

  return <div ref={hostRef} className="map-host" data-testid="map" role="region" aria-label={t('map.label')} />;
}
