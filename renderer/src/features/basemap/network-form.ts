import { templateProblem, type Basemap, type BasemapInput } from '../../../../shared/api/basemap.js';
import { NETWORK_PRESETS, presetOf, type NetworkPresetId } from './presets.js';

/** The network form's fields, as typed (strings), for XYZ and WMTS alike. */
export interface NetworkForm {
  preset: NetworkPresetId;
  key: string;
  url: string;
  overlayUrl: string;
  subdomains: string;
  wmtsUrl: string;
  layer: string;
  tileMatrixSet: string;
  format: string;
  style: string;
  tileMatrixPrefix: string;
}

export const EMPTY_NETWORK_FORM: NetworkForm = {
  preset: 'tianditu-vec',
  key: '',
  url: '',
  overlayUrl: '',
  subdomains: '',
  wmtsUrl: '',
  layer: '',
  tileMatrixSet: 'GoogleMapsCompatible',
  format: 'image/png',
  style: 'default',
  tileMatrixPrefix: '',
};

/** The form filled from a stored basemap (network kinds), otherwise the empty form. */
export function networkFormOf(b: Basemap | undefined): NetworkForm {
  if (!b || (b.kind !== 'xyz' && b.kind !== 'wmts')) return EMPTY_NETWORK_FORM;
  if (b.kind === 'xyz') {
    return { ...EMPTY_NETWORK_FORM, preset: presetOf(b), key: b.key, url: b.url, overlayUrl: b.overlayUrl ?? '', subdomains: b.subdomains };
  }
  return {
    ...EMPTY_NETWORK_FORM,
    preset: 'custom-wmts',
    key: b.key,
    subdomains: b.subdomains,
    wmtsUrl: b.url,
    layer: b.layer,
    tileMatrixSet: b.tileMatrixSet,
    format: b.format,
    style: b.style,
    tileMatrixPrefix: b.tileMatrixPrefix,
  };
}

export type FormResult = { ok: true; basemap: BasemapInput } | { ok: false; zh: string; en: string };

/** The basemap the form describes, or what is missing (in both languages) before asking the core. */
export function basemapFromForm(f: NetworkForm, opacity: number): FormResult {
  const preset = NETWORK_PRESETS.find((p) => p.id === f.preset);
  const made = preset?.make(f.key.trim()) ?? null;
  if (made) {
    if (!f.key.trim()) return { ok: false, zh: '请填写天地图密钥', en: 'Enter your Tianditu key' };
    return { ok: true, basemap: { ...made, opacity } };
  }
  if (f.preset === 'custom-xyz') {
    const problem = templateProblem(f.url) ?? (f.overlayUrl.trim() ? templateProblem(f.overlayUrl) : null);
    if (problem) return { ok: false, ...problem };
    if (f.url.includes('{s}') && !f.subdomains.trim()) return { ok: false, zh: '地址中有 {s},请填写子域名', en: 'The URL has {s}: enter the subdomains' };
    return {
      ok: true,
      basemap: { kind: 'xyz', url: f.url.trim(), overlayUrl: f.overlayUrl.trim() || null, subdomains: f.subdomains.trim(), key: f.key.trim(), opacity },
    };
  }
  if (!f.wmtsUrl.trim() || !f.layer.trim() || !f.tileMatrixSet.trim()) {
    return { ok: false, zh: '请填写 WMTS 服务地址、图层和矩阵集', en: 'Enter the WMTS service URL, layer and tile matrix set' };
  }
  return {
    ok: true,
    basemap: {
      kind: 'wmts',
      url: f.wmtsUrl.trim(),
      layer: f.layer.trim(),
      tileMatrixSet: f.tileMatrixSet.trim(),
      format: f.format.trim() || 'image/png',
      style: f.style.trim() || 'default',
      tileMatrixPrefix: f.tileMatrixPrefix.trim(),
      subdomains: f.subdomains.trim(),
      key: f.key.trim(),
      opacity,
    },
  };
}
