import type { i18n as I18n } from 'i18next';
import type { BBox, Geometry } from '../../../../shared/api/geojson.js';
import { GEOMETRY_FIELD_LABELS } from '../edit-geometry/field-labels.js';

/** Field labels for history rows: the import's field names, then the edit path's own. */
export function fieldLabel(i18n: I18n, field: string | null): string {
  if (field === null) return '';
  const own: Record<string, string> = { block_code: 'parcel.block', per_mu_class: 'parcel.perMuClass', ...GEOMETRY_FIELD_LABELS };
  const key = own[field] ?? `importer.fields.${field}`;
  return i18n.exists(key) ? String(i18n.t(key as never)) : field;
}

/** An audit timestamp (ISO, UTC) as local YYYY-MM-DD HH:mm. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Metres below 1 km, kilometres to 0.1 above. */
export function formatDistance(m: number): string {
  return m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(1)} km`;
}

/** The bounding box of a GeoJSON geometry (degrees). */
export function geometryBBox(geometry: Geometry): BBox | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1]);
      n = Math.max(n, c[1]);
      return;
    }
    for (const child of c) visit(child);
  };
  visit(geometry.coordinates);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

export const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
