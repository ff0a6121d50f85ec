import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api/planner-bridge.js';
import type { MapController } from '../../map/map-controller.js';
import { MapTools, type ShapeSelection, type ToolMode } from '../../map/tools/map-tools.js';
import { MeasureStore } from './measure-store.js';

export interface MapToolsModel {
  mode: ToolMode;
  setMode(mode: ToolMode): void;
  /** Map clicks open cards only with the plain pan tool (a measuring click is not a selection). */
  selectEnabled: boolean;
  /** A box or lasso selection is waiting for the core's answer. */
  selecting: boolean;
  measure: MeasureStore;
  /** The map is there: the tool buttons can act. */
  ready: boolean;
}

type SelectParcels = (fids: readonly number[], additive: boolean) => void;

/**
 * The map tools for the app shell: creates them once the map exists, keeps the active tool, and
 * turns a box or lasso into a selection — at once from what is drawn (box only), then from the
 * core's exact query (parcelsInPolygon), which is the answer that counts: it does not depend on
 * which parcels are loaded or drawn. A newer shape wins over an older answer arriving late.
 */
export function useMapTools(api: ApiClient, controller: MapController | null, selectParcels: SelectParcels, report: (err: unknown) => void): MapToolsModel {
  const { t, i18n } = useTranslation();
  const [mode, setModeState] = useState<ToolMode>('pan');
  const [selecting, setSelecting] = useState(false);
  const [measure] = useState(() => new MeasureStore());
  const [tools, setTools] = useState<MapTools | null>(null);
  const generation = useRef(0);
  const latest = useRef({ api, selectParcels, report, t });
  useEffect(() => {
    latest.current = { api, selectParcels, report, t };
  });

  useEffect(() => {
    if (!controller) return undefined;
    let created: MapTools | null = null;
    const onSelectShape = (shape: ShapeSelection): void => {
      const gen = ++generation.current;
      const { api: client, selectParcels: select, report: fail } = latest.current;
      if (shape.preview) select(shape.preview, shape.additive);
      setSelecting(true);
      client.parcelsInPolygon({ ring: shape.ring.map((v) => [v[0], v[1]]) }).then(
        ({ fids }) => {
          if (gen !== generation.current) return;
          latest.current.selectParcels(fids, shape.additive);
          created?.noteSelected(fids);
          setSelecting(false);
        },
        (err: unknown) => {
          if (gen !== generation.current) return;
          setSelecting(false);
          fail(err);
        },
      );
    };
    created = new MapTools(controller.maplibre(), {
      onSelectShape,
      onMeasure: (s) => measure.set(s),
      onModeChange: setModeState,
      northTitle: () => String(latest.current.t('mapTools.north')),
    });
    const tools = created;
    setTools(tools);
    return () => {
      setTools(null);
      tools.destroy();
      measure.set(null);
    };
  }, [controller, measure]);

  useEffect(() => tools?.setMode(mode), [tools, mode]);
  useEffect(() => tools?.relabel(), [tools, i18n.language]);

  const setMode = useCallback((next: ToolMode) => setModeState((m) => (m === next && next !== 'pan' ? 'pan' : next)), []);
  return { mode, setMode, selectEnabled: mode === 'pan', selecting, measure, ready: tools !== null };
}
