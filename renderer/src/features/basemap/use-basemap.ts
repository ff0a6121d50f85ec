import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BasemapInput, BasemapState } from '../../../../shared/api/basemap.js';
import type { PlannerError } from '../../../../shared/api/errors.js';
import type { Settings } from '../../../../shared/api/settings.js';
import { toPlannerError } from '../../api/errors.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { takeToken } from '../../api/token.js';
import type { BasemapView } from '../../map/basemap-style.js';
import { basemapView, needsReload, type PanelBasemap, type TileOrigin } from './basemap-view.js';

export interface BasemapModel {
  /** The core's answer for the stored basemap (null until it arrives). */
  state: BasemapState | null;
  /** What the map draws. */
  view: BasemapView | null;
  applying: boolean;
  /** Why the last choice was refused (nothing changed then). */
  error: PlannerError | null;
  /** The page reloads so its Content-Security-Policy allows a newly chosen network basemap. */
  reloading: boolean;
  apply(basemap: BasemapInput): Promise<boolean>;
  /** The basemap's opacity (the layer panel's basemap row shows it; the slider's value while it moves). */
  opacity: number;
  setOpacity(opacity: number): void;
  /** Electron: the system file dialog is available. */
  canPickFile: boolean;
  pickFile(): Promise<string | null>;
  clearError(): void;
}

const SAVE_OPACITY_AFTER_MS = 350;

const SHOWN: PanelBasemap = { visible: true };

/**
 * The basemap setting of the project (DESIGN §5): loads what the core says about it whenever the
 * setting changes (here or in another window), applies a new choice through `setBasemap` (which
 * checks a local file before storing anything), and keeps the opacity slider smooth by drawing
 * its value at once and storing it a moment later. The one opacity control is the layer panel's
 * basemap row, which reads and sets it here; `panel` is that row's show/hide.
 */
export function useBasemap(api: ApiClient, settings: Settings | null, panel: PanelBasemap = SHOWN): BasemapModel {
  const [state, setState] = useState<BasemapState | null>(null);
  const [applying, setApplying] = useState(false);
  const [error, setError] = useState<PlannerError | null>(null);
  const [reloading, setReloading] = useState(false);
  const [draftOpacity, setDraftOpacity] = useState<number | null>(null);
  /** The network origins the page's CSP was made with (the setting stored when the page loaded). */
  const pageOrigins = useRef<readonly string[] | null>(null);
  const generation = useRef(0);
  const saveTimer = useRef<number | undefined>(undefined);

  const storedKey = settings ? JSON.stringify(settings.basemap) : null;
  useEffect(() => {
    if (storedKey === null) return undefined;
    const gen = ++generation.current;
    let live = true;
    api.basemapInfo({}).then(
      (next) => {
        if (!live || gen !== generation.current) return;
        pageOrigins.current ??= next.network?.origins ?? [];
        setState(next);
      },
      (err: unknown) => live && setError(toPlannerError(err)),
    );
    return () => {
      live = false;
    };
  }, [api, storedKey]);

  useEffect(() => () => window.clearTimeout(saveTimer.current), []);

  const apply = useCallback(
    async (basemap: BasemapInput): Promise<boolean> => {
      setApplying(true);
      try {
        const next = await api.setBasemap(basemap);
        generation.current++;
        setError(null);
        if (needsReload(pageOrigins.current ?? [], next)) {
          setReloading(true);
          window.location.reload();
          return true;
        }
        setState(next);
        // A slider still moving keeps its value; one that stopped hands over to the stored opacity.
        const saved = next.basemap.kind === 'none' ? null : next.basemap.opacity;
        setDraftOpacity((d) => (d === saved ? null : d));
        return true;
      } catch (err) {
        setError(toPlannerError(err));
        return false;
      } finally {
        setApplying(false);
      }
    },
    [api],
  );

  const setOpacity = useCallback(
    (opacity: number) => {
      setDraftOpacity(opacity);
      window.clearTimeout(saveTimer.current);
      const current = state?.basemap;
      if (!current || current.kind === 'none') return;
      saveTimer.current = window.setTimeout(() => void apply({ ...current, opacity }), SAVE_OPACITY_AFTER_MS);
    },
    [apply, state],
  );

  const at = useMemo<TileOrigin>(
    () => ({
      origin: window.location.origin,
      token: api.transport === 'http' ? takeToken(window.location, window.history, window.sessionStorage) : null,
    }),
    [api],
  );
  const { visible: panelVisible } = panel;
  const view = useMemo(() => basemapView(state, at, { visible: panelVisible }, draftOpacity ?? undefined), [state, at, panelVisible, draftOpacity]);

  const bridge = window.planner;
  const pickFile = useCallback(async (): Promise<string | null> => {
    if (!bridge?.pickBasemapFile) return null;
    try {
      return await bridge.pickBasemapFile();
    } catch (err) {
      setError(toPlannerError(err));
      return null;
    }
  }, [bridge]);

  const stored = state?.basemap;
  return {
    state,
    view,
    applying,
    error,
    reloading,
    apply,
    opacity: draftOpacity ?? (stored && stored.kind !== 'none' ? stored.opacity : 1),
    setOpacity,
    canPickFile: typeof bridge?.pickBasemapFile === 'function',
    pickFile,
    clearError: useCallback(() => setError(null), []),
  };
}
