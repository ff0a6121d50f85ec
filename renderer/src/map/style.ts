import type {
  ExpressionSpecification,
  GeoJSONSourceSpecification,
  LayerSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import { LAYER_IDS, type LayerId } from '../../../shared/api/layers.js';
import type { StatusDef } from '../../../shared/api/settings.js';
import { DEFAULT_SETTINGS } from '../../../shared/domain/vocabulary.js';
import { basemapStyle, type BasemapView } from './basemap-style.js';
import { PARCEL_OUTLINE_MIN_ZOOM, withTiledLayers, type TiledLayers } from './tiled-source.js';
import { FALLBACK_COLOR, colorByValue, statusColor, whenSelected } from './style-expressions.js';
import { fillColor, hatchPattern, lineColor, lineDash, lineWidth } from './layer-style/layer-paint.js';
import { KEY_BLOCK_DASH, PLATFORM_LEVELS, TRANSPORT_MODES, renewalPhases, transportStages } from './layer-style/layer-styles.js';

/**
 * The map style, built in code. There is deliberately no `glyphs` URL: maplibre then draws every
 * label with the machine's own fonts (TinySDF), so nothing is fetched (DESIGN §5). `text-font` is a
 * list of local font families.
 */
export const TEXT_FONT = ['Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];
export const LOCAL_IDEOGRAPH_FONT_FAMILY = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
export const BACKGROUND_COLOR = '#f3f2ee';

export const KEY_BLOCK_COLOR = '#a3177a';
export const PLATFORM_COLOR = '#00796b';
export const PROJECT_COLOR = '#d84315';
export const SELECTION_COLOR = '#00b8d4';
export const RENEWAL_PHASE_PALETTE = ['#7e57c2', '#26a69a', '#ef6c00', '#5c6bc0', '#8d6e63', '#ec407a', '#9ccc65', '#29b6f6'];

/**
 * Transport by mode and stage, platforms by level, renewal zones by phase: the classes live in
 * layer-style/layer-styles.ts (the legend lists the same); the layer panel's MapPresenter updates
 * the data-dependent ones (phases met, the stage vocabulary) after load.
 */
const INITIAL_PHASES = renewalPhases([]);

/** Style layer ids per project layer, bottom to top. Visibility toggles act on all of them. */
export const STYLE_LAYERS: Record<LayerId, readonly string[]> = {
  renewal_zones: ['renewal_zones-fill', 'renewal_zones-outline', 'renewal_zones-label'],
  parcels: ['parcels-fill', 'parcels-outline'],
  platforms: ['platforms-outline', 'platforms-label'],
  key_blocks: ['key_blocks-outline', 'key_blocks-label'],
  transport: ['transport-line', 'transport-label'],
  projects: ['projects-circle', 'projects-label'],
};

/** Outlines the selected parcels below the zoom where parcels-outline starts. */
export const PARCELS_SELECTED_OVERVIEW = 'parcels-selected-overview';

/** The style layers a click can select, topmost first. */
export const CLICKABLE_LAYERS: readonly string[] = [
  'projects-circle',
  'transport-line',
  'parcels-fill',
  'key_blocks-outline',
  'platforms-outline',
  'renewal_zones-fill',
];

/**
 * Polygon layers labelled from a separate point source (one point per feature, label-points.ts):
 * labels placed on the polygons themselves repeat in every tile a large polygon crosses.
 */
export const LABEL_SOURCES = {
  key_blocks: 'key_blocks-labels',
  renewal_zones: 'renewal_zones-labels',
  platforms: 'platforms-labels',
} as const satisfies Partial<Record<LayerId, string>>;

const EMPTY: GeoJSONSourceSpecification = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };

const NAME: ExpressionSpecification = ['to-string', ['coalesce', ['get', 'name'], '']];
/** Line width growing with zoom; the selected feature is drawn `selectedWidth` wide at every zoom. */
const zoomWidth = (atZ10: number, atZ16: number, selectedWidth: number): ExpressionSpecification =>
  ['interpolate', ['linear'], ['zoom'], 10, whenSelected(selectedWidth, atZ10), 16, whenSelected(selectedWidth, atZ16)];

/** `tiled`: layers drawn from the core's vector tiles (tiled-source.ts), by their tile URL template. */
export function buildStyle(statuses: readonly StatusDef[], basemap: BasemapView | null = null, tiled: TiledLayers = {}): StyleSpecification {
  const ids = [...LAYER_IDS, ...Object.values(LABEL_SOURCES)];
  const sources = Object.fromEntries(ids.map((id) => [id, EMPTY] as const));
  // The basemap (basemap-style.ts) goes right above the background, under every project layer.
  const base = basemapStyle(basemap);
  const [background, ...layers] = buildLayers(statuses);
  const style: StyleSpecification = { version: 8, name: 'planner', sources: { ...base.sources, ...sources }, layers: [...(background ? [background] : []), ...base.layers, ...layers] };
  return withTiledLayers(style, tiled);
}

function buildLayers(statuses: readonly StatusDef[]): LayerSpecification[] {
  return [
    { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } },
    {
      id: 'renewal_zones-fill',
      type: 'fill',
      source: 'renewal_zones',
      // Hatched by phase with images made in code (layer-style/hatch.ts), so the parcels below show through.
      paint: { 'fill-pattern': hatchPattern(INITIAL_PHASES) as string, 'fill-opacity': 0.75 },
    },
    {
      id: 'parcels-fill',
      type: 'fill',
      source: 'parcels',
      paint: {
        'fill-color': statusColor(statuses),
        'fill-opacity': 0.82,
        // Zoomed out a parcel is a pixel or two: the anti-aliasing outline would draw every parcel a second time (as lines).
        'fill-antialias': ['step', ['zoom'], false, PARCEL_OUTLINE_MIN_ZOOM, true],
      },
    },
    {
      id: 'parcels-outline',
      type: 'line',
      source: 'parcels',
      minzoom: PARCEL_OUTLINE_MIN_ZOOM,
      paint: {
        'line-color': whenSelected(SELECTION_COLOR, '#4d4d4d'),
        'line-width': zoomWidth(0.2, 1, 3),
        // Zoomed out, full-strength outlines of small parcels would drown their status colours.
        'line-opacity': ['interpolate', ['linear'], ['zoom'], 11, 0.25, 14, 0.9],
      },
    },
    {
      // The selection's outline where parcels-outline does not draw (a parcel is a few pixels there);
      // shown only while a parcel is selected (MapController), so it costs nothing otherwise.
      id: PARCELS_SELECTED_OVERVIEW,
      type: 'line',
      source: 'parcels',
      maxzoom: PARCEL_OUTLINE_MIN_ZOOM,
      layout: { visibility: 'none' },
      paint: { 'line-color': SELECTION_COLOR, 'line-width': whenSelected(2, 0), 'line-opacity': whenSelected(1, 0) },
    },
    {
      id: 'renewal_zones-outline',
      type: 'line',
      source: 'renewal_zones',
      paint: {
        'line-color': whenSelected(SELECTION_COLOR, lineColor(INITIAL_PHASES)),
        'line-width': whenSelected(3.5, 1.6),
      },
    },
    {
      id: 'platforms-outline',
      type: 'line',
      source: 'platforms',
      paint: {
        'line-color': whenSelected(SELECTION_COLOR, lineColor(PLATFORM_LEVELS)),
        'line-width': whenSelected(3.5, lineWidth(PLATFORM_LEVELS)),
        'line-dasharray': lineDash(PLATFORM_LEVELS),
      },
    },
    {
      id: 'key_blocks-outline',
      type: 'line',
      source: 'key_blocks',
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': whenSelected(SELECTION_COLOR, KEY_BLOCK_COLOR),
        'line-width': whenSelected(4.5, 3),
        'line-dasharray': [...KEY_BLOCK_DASH],
      },
    },
    {
      id: 'transport-line',
      type: 'line',
      source: 'transport',
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': whenSelected(SELECTION_COLOR, fillColor(TRANSPORT_MODES)),
        'line-width': zoomWidth(2, 4, 5),
        'line-dasharray': lineDash(transportStages(DEFAULT_SETTINGS.stages)),
      },
    },
    {
      id: 'projects-circle',
      type: 'circle',
      source: 'projects',
      paint: {
        'circle-color': PROJECT_COLOR,
        'circle-radius': [
          'interpolate', ['linear'], ['to-number', ['coalesce', ['get', 'investment_yi'], 0], 0],
          0, 5, 10, 7, 50, 10, 100, 13,
        ],
        'circle-stroke-color': whenSelected(SELECTION_COLOR, '#ffffff'),
        'circle-stroke-width': whenSelected(3, 1.5),
      },
    },
    label('renewal_zones-label', LABEL_SOURCES.renewal_zones, '#4a2c6f', 12, 11),
    label('platforms-label', LABEL_SOURCES.platforms, PLATFORM_COLOR, 12, 10),
    {
      id: 'transport-label',
      type: 'symbol',
      source: 'transport',
      minzoom: 11,
      layout: {
        'symbol-placement': 'line',
        'text-field': NAME,
        'text-font': TEXT_FONT,
        'text-size': 11,
      },
      paint: { 'text-color': '#37474f', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    {
      id: 'projects-label',
      type: 'symbol',
      source: 'projects',
      minzoom: 12,
      layout: {
        'text-field': NAME,
        'text-font': TEXT_FONT,
        'text-size': 11,
        'text-anchor': 'top',
        'text-offset': [0, 0.9],
      },
      paint: { 'text-color': '#bf360c', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    // Last = placed first: key block names win label collisions.
    label('key_blocks-label', LABEL_SOURCES.key_blocks, KEY_BLOCK_COLOR, 13, 0),
  ];
}

function label(id: string, source: string, color: string, size: number, minzoom: number): LayerSpecification {
  return {
    id,
    type: 'symbol',
    source,
    minzoom,
    layout: {
      'text-field': NAME,
      'text-font': TEXT_FONT,
      'text-size': size,
      'text-max-width': 8,
      'symbol-placement': 'point',
    },
    paint: { 'text-color': color, 'text-halo-color': '#ffffff', 'text-halo-width': 1.8 },
  };
}

/** Renewal zones coloured by phase; the table comes from the phases present in the data. */
export function renewalPhaseColor(table: ReadonlyArray<readonly [string, string]>): ExpressionSpecification | string {
  return colorByValue('phase', table, table.length === 0 ? RENEWAL_PHASE_PALETTE[0] ?? FALLBACK_COLOR : FALLBACK_COLOR);
}
