import { basemapTilePath, type BasemapState } from '../../../../shared/api/basemap.js';
import type { BasemapView } from '../../map/basemap-style.js';

/** Where tiles of a local basemap file are fetched from: the page's own origin (+ the token in browser mode). */
export interface TileOrigin {
  /** `http://127.0.0.1:port` in browser mode, `app://renderer` in Electron. */
  origin: string;
  /** Browser mode's token (maplibre cannot send headers with tile requests); null in Electron. */
  token: string | null;
}

/** The layer panel's basemap row: shown or hidden (its opacity slider sets the basemap's own opacity, use-basemap.ts). */
export interface PanelBasemap {
  visible: boolean;
}

const SHOWN: PanelBasemap = { visible: true };

/** The tile URL template of the core's current basemap file. */
export function fileTileTemplate(at: TileOrigin, revision: string): string {
  const query = at.token ? `?token=${encodeURIComponent(at.token)}` : '';
  return `${at.origin}${basemapTilePath(revision)}${query}`;
}

/**
 * What the map should draw for a basemap state: nothing when offline (or the stored file cannot be
 * used), raster tiles for a network source or a raster file, a vector source for a vector file.
 * `opacity` overrides the stored one while the slider moves.
 */
export function basemapView(state: BasemapState | null, at: TileOrigin, panel: PanelBasemap = SHOWN, opacity?: number): BasemapView | null {
  if (!state) return null;
  const b = state.basemap;
  if (b.kind === 'none') return null;
  const alpha = Math.max(0, Math.min(1, opacity ?? b.opacity));
  if (state.network) {
    const n = state.network;
    const tiles = (urls: string[]) => ({ tiles: urls, tileSize: n.tileSize, minzoom: 0, maxzoom: n.maxzoom, bounds: null, attribution: n.attribution });
    return {
      kind: 'raster',
      key: `net|${n.base.join(' ')}|${(n.overlay ?? []).join(' ')}|${n.tileSize}|${n.maxzoom}`,
      base: tiles(n.base),
      overlay: n.overlay ? tiles(n.overlay) : null,
      opacity: alpha,
      visible: panel.visible,
    };
  }
  const f = state.file;
  if (!f) return null;
  const url = fileTileTemplate(at, f.revision);
  if (f.type === 'raster') {
    return {
      kind: 'raster',
      key: `file|${f.revision}`,
      base: { tiles: [url], tileSize: f.tileSize, minzoom: f.minzoom, maxzoom: f.maxzoom, bounds: f.bounds, attribution: f.attribution },
      overlay: null,
      opacity: alpha,
      visible: panel.visible,
    };
  }
  return {
    kind: 'vector',
    key: `file|${f.revision}`,
    tiles: [url],
    minzoom: f.minzoom,
    maxzoom: f.maxzoom,
    bounds: f.bounds,
    attribution: f.attribution,
    vectorLayers: f.vectorLayers,
    opacity: alpha,
    visible: panel.visible,
  };
}

/** Does `wanted` need origins the page's Content-Security-Policy (fixed when it loaded) does not allow? */
export function needsReload(pageOrigins: readonly string[], wanted: BasemapState): boolean {
  return (wanted.network?.origins ?? []).some((o) => !pageOrigins.includes(o));
}
