import type {
  ExpressionSpecification,
  LayerSpecification,
  Map as MaplibreMap,
  SourceSpecification,
} from 'maplibre-gl';
import type { BBox } from '../../../shared/api/geojson.js';
import type { VectorLayerInfo } from '../../../shared/api/basemap.js';

/**
 * The basemap's part of the map style (DESIGN §5): raster tiles (a network XYZ/WMTS source or a
 * raster MBTiles/PMTiles served by the core) or a vector MBTiles/PMTiles drawn with simple muted
 * default layers, one set per vector layer of the file. Everything here sits directly above the
 * background and below every project layer; ids start with BASEMAP_PREFIX, so the layer panel
 * and the ordering code can tell them apart.
 */
export const BASEMAP_PREFIX = 'basemap';
export const BASEMAP_SOURCE = 'basemap';
export const BASEMAP_OVERLAY_SOURCE = 'basemap-overlay';

export function isBasemapLayer(id: string): boolean {
  return id === BASEMAP_PREFIX || id.startsWith(`${BASEMAP_PREFIX}-`);
}

export interface RasterTiles {
  tiles: string[];
  tileSize: number;
  minzoom: number;
  maxzoom: number;
  bounds: BBox | null;
  attribution: string;
}

/** What the map draws as its basemap; `key` changes exactly when the sources must be replaced. */
export type BasemapView =
  | { kind: 'raster'; key: string; base: RasterTiles; overlay: RasterTiles | null; opacity: number; visible: boolean }
  | {
      kind: 'vector';
      key: string;
      tiles: string[];
      minzoom: number;
      maxzoom: number;
      bounds: BBox | null;
      attribution: string;
      vectorLayers: readonly VectorLayerInfo[];
      opacity: number;
      visible: boolean;
    };

/** Muted fills and strokes, so the project's own colours stay the loudest thing on the map. */
const MUTED_FILLS = ['#e4e0d6', '#dde5d8', '#dae2ea', '#e8ddd3', '#e2dbe8', '#dedede', '#e6e3cf'];
const MUTED_LINES = ['#a8a294', '#98a690', '#8f9fae', '#b09a88', '#a196ae', '#9a9a9a', '#aaa586'];
const FILL_OPACITY = 0.75;

const isType = (...types: string[]): ExpressionSpecification => ['match', ['geometry-type'], types, true, false];
const POLYGONS = isType('Polygon', 'MultiPolygon');
const LINES = isType('LineString', 'MultiLineString');
const POINTS = isType('Point', 'MultiPoint');

function rasterSource(t: RasterTiles): SourceSpecification {
  return {
    type: 'raster',
    tiles: t.tiles,
    tileSize: t.tileSize,
    minzoom: t.minzoom,
    maxzoom: t.maxzoom,
    ...(t.bounds ? { bounds: t.bounds } : {}),
    ...(t.attribution ? { attribution: t.attribution } : {}),
  };
}

/** The sources and layers of a basemap (none: nothing), bottom to top. */
export function basemapStyle(view: BasemapView | null): { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] } {
  if (!view) return { sources: {}, layers: [] };
  const visibility = view.visible ? 'visible' : 'none';
  if (view.kind === 'raster') {
    const sources: Record<string, SourceSpecification> = { [BASEMAP_SOURCE]: rasterSource(view.base) };
    const layers: LayerSpecification[] = [
      { id: `${BASEMAP_PREFIX}-raster`, type: 'raster', source: BASEMAP_SOURCE, layout: { visibility }, paint: { 'raster-opacity': view.opacity } },
    ];
    if (view.overlay) {
      sources[BASEMAP_OVERLAY_SOURCE] = rasterSource(view.overlay);
      layers.push({
        id: `${BASEMAP_PREFIX}-overlay-raster`,
        type: 'raster',
        source: BASEMAP_OVERLAY_SOURCE,
        layout: { visibility },
        paint: { 'raster-opacity': view.opacity },
      });
    }
    return { sources, layers };
  }
  const source: SourceSpecification = {
    type: 'vector',
    tiles: view.tiles,
    minzoom: view.minzoom,
    maxzoom: view.maxzoom,
    ...(view.bounds ? { bounds: view.bounds } : {}),
    ...(view.attribution ? { attribution: view.attribution } : {}),
  };
  return { sources: { [BASEMAP_SOURCE]: source }, layers: vectorLayers(view.vectorLayers, view.opacity, visibility) };
}

/**
 * Default layers for a vector basemap: polygons filled and outlined, lines stroked, points as
 * small circles — filtered by geometry type, since a vector layer's type is only known when the
 * file's tile statistics say so. Polygons of every layer go first, then lines, then points.
 */
function vectorLayers(layers: readonly VectorLayerInfo[], opacity: number, visibility: 'visible' | 'none'): LayerSpecification[] {
  const fills: LayerSpecification[] = [];
  const lines: LayerSpecification[] = [];
  const points: LayerSpecification[] = [];
  layers.forEach((l, i) => {
    const fill = MUTED_FILLS[i % MUTED_FILLS.length] as string;
    const stroke = MUTED_LINES[i % MUTED_LINES.length] as string;
    const common = { source: BASEMAP_SOURCE, 'source-layer': l.id, layout: { visibility } } as const;
    const zooms = { ...(l.minzoom !== null ? { minzoom: l.minzoom } : {}) };
    if (l.geometry === null || l.geometry === 'polygon') {
      fills.push({ id: `${BASEMAP_PREFIX}-v${i}-fill`, type: 'fill', ...common, ...zooms, filter: POLYGONS, paint: { 'fill-color': fill, 'fill-opacity': FILL_OPACITY * opacity } });
      lines.push({
        id: `${BASEMAP_PREFIX}-v${i}-outline`,
        type: 'line',
        ...common,
        ...zooms,
        filter: POLYGONS,
        paint: { 'line-color': stroke, 'line-width': 0.6, 'line-opacity': opacity },
      });
    }
    if (l.geometry === null || l.geometry === 'line') {
      lines.push({
        id: `${BASEMAP_PREFIX}-v${i}-line`,
        type: 'line',
        ...common,
        ...zooms,
        filter: LINES,
        layout: { visibility, 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': stroke, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.5, 16, 2], 'line-opacity': opacity },
      });
    }
    if (l.geometry === null || l.geometry === 'point') {
      points.push({
        id: `${BASEMAP_PREFIX}-v${i}-circle`,
        type: 'circle',
        ...common,
        ...zooms,
        filter: POINTS,
        paint: {
          'circle-color': fill,
          'circle-radius': 2.5,
          'circle-stroke-color': stroke,
          'circle-stroke-width': 0.8,
          'circle-opacity': opacity,
          'circle-stroke-opacity': opacity,
        },
      });
    }
  });
  return [...fills, ...lines, ...points];
}

type PaintProperty = Parameters<MaplibreMap['setPaintProperty']>[1];

/** Paint properties carrying the basemap's opacity, per layer type. */
function opacityPaint(layer: LayerSpecification, opacity: number): Array<[PaintProperty, number]> {
  switch (layer.type) {
    case 'raster':
      return [['raster-opacity', opacity]];
    case 'fill':
      return [['fill-opacity', FILL_OPACITY * opacity]];
    case 'line':
      return [['line-opacity', opacity]];
    case 'circle':
      return [['circle-opacity', opacity], ['circle-stroke-opacity', opacity]];
    default:
      return [];
  }
}

/**
 * Brings the map from the `applied` basemap to `wanted`: the same sources (same key) only get
 * their opacity and visibility set; otherwise the old basemap layers and sources are removed and
 * the new ones inserted just above the background, under every project layer.
 */
export function applyBasemap(map: MaplibreMap, applied: BasemapView | null, wanted: BasemapView | null): void {
  if (applied && wanted && applied.key === wanted.key) {
    for (const layer of basemapStyle(wanted).layers) {
      if (!map.getLayer(layer.id)) continue;
      map.setLayoutProperty(layer.id, 'visibility', wanted.visible ? 'visible' : 'none');
      for (const [prop, value] of opacityPaint(layer, wanted.opacity)) map.setPaintProperty(layer.id, prop, value);
    }
    return;
  }
  for (const id of map.getLayersOrder()) if (isBasemapLayer(id)) map.removeLayer(id);
  for (const id of [BASEMAP_OVERLAY_SOURCE, BASEMAP_SOURCE]) if (map.getSource(id)) map.removeSource(id);
  if (!wanted) return;
  const { sources, layers } = basemapStyle(wanted);
  for (const [id, source] of Object.entries(sources)) map.addSource(id, source);
  const before = map.getLayersOrder().find((id) => id !== 'background' && !isBasemapLayer(id));
  for (const layer of layers) map.addLayer(layer, before);
}
