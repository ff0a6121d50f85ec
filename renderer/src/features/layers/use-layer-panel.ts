import { useEffect, useMemo, useReducer, useRef } from 'react';
import { LAYER_IDS, type LayerId } from '../../../../shared/api/layers.js';
import type { MapPanelState } from '../../../../shared/api/map-panel.js';
import type { Settings } from '../../../../shared/api/settings.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { DEFAULT_PANEL_STATE, panelReducer, panelStateFrom, type PanelAction } from './panel-state.js';

/** Slider drags and chip clicks are written once the user pauses. */
const SAVE_DELAY_MS = 700;

export interface LayerPanelHandle {
  state: MapPanelState;
  dispatch: (action: PanelAction) => void;
  /** Project layers shown (for the map's visibility). */
  visible: ReadonlySet<LayerId>;
}

/**
 * The layer panel's state, loaded from the project's settings (`mapPanel`) when a project's
 * settings arrive and written back to them after each change settles — so each project reopens
 * as it was left.
 */
export function useLayerPanel(api: ApiClient, settings: Settings | null, projectKey: string | null, report: (err: unknown) => void): LayerPanelHandle {
  const [state, dispatch] = useReducer(panelReducer, DEFAULT_PANEL_STATE);
  const loadedFor = useRef<string | null>(null);
  const savedJson = useRef<string>(JSON.stringify(DEFAULT_PANEL_STATE));

  useEffect(() => {
    if (!settings || projectKey === null || loadedFor.current === projectKey) return;
    loadedFor.current = projectKey;
    const loaded = panelStateFrom(settings.mapPanel);
    savedJson.current = JSON.stringify(loaded);
    dispatch({ type: 'load', state: loaded });
  }, [settings, projectKey]);

  useEffect(() => {
    if (loadedFor.current === null) return undefined;
    const json = JSON.stringify(state);
    if (json === savedJson.current) return undefined;
    const timer = window.setTimeout(() => {
      savedJson.current = json;
      api.updateSettings({ mapPanel: state }).catch(report);
    }, SAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [api, state, report]);

  const visible = useMemo(() => new Set(LAYER_IDS.filter((l) => !state.hidden.includes(l))), [state.hidden]);

  return { state, dispatch, visible };
}
