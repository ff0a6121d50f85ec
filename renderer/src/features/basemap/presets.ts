import type { BasemapInput, XyzBasemapInput } from '../../../../shared/api/basemap.js';

/**
 * 天地图 (National Platform for Common GeoSpatial Information Services) in Web Mercator (`_w`),
 * as WMTS KVP templates: a base layer and its label layer (cva = labels for vec, cia = for img).
 * The user's key goes where `{key}` stands; t0–t7 spread the requests.
 */
const TIANDITU_ATTRIBUTION = '© 天地图 · 国家地理信息公共服务平台';

function tianditu(layer: string): string {
  return (
    `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
    '&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}'
  );
}

export type NetworkPresetId = 'tianditu-vec' | 'tianditu-img' | 'custom-xyz' | 'custom-wmts';

export const NETWORK_PRESETS: ReadonlyArray<{ id: NetworkPresetId; make: (key: string) => XyzBasemapInput | null }> = [
  {
    id: 'tianditu-vec',
    make: (key) => ({ kind: 'xyz', url: tianditu('vec'), overlayUrl: tianditu('cva'), subdomains: '01234567', key, maxzoom: 18, attribution: TIANDITU_ATTRIBUTION }),
  },
  {
    id: 'tianditu-img',
    make: (key) => ({ kind: 'xyz', url: tianditu('img'), overlayUrl: tianditu('cia'), subdomains: '01234567', key, maxzoom: 18, attribution: TIANDITU_ATTRIBUTION }),
  },
  { id: 'custom-xyz', make: () => null },
  { id: 'custom-wmts', make: () => null },
];

/** Which preset a stored network basemap is (a 天地图 template), else the custom form of its kind. */
export function presetOf(b: BasemapInput): NetworkPresetId {
  if (b.kind === 'xyz') {
    if (b.url === tianditu('vec')) return 'tianditu-vec';
    if (b.url === tianditu('img')) return 'tianditu-img';
    return 'custom-xyz';
  }
  return 'custom-wmts';
}
