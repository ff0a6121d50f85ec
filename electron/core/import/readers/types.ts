import type { Geometry, PropertyValue } from '../../../../shared/api/geojson.js';
import type { EncodingDecision } from './encoding.js';

/** One feature as read from the file: geometry still in the source CRS, attributes verbatim. */
export interface SourceFeature {
  /** 0-based record number in the file (shapefile record n+1; GeoJSON feature index) */
  index: number;
  /** null for a null shape / null geometry (reported in warnings) */
  geometry: Geometry | null;
  attributes: Record<string, PropertyValue>;
}

export type FieldType = 'string' | 'number' | 'integer' | 'date' | 'boolean' | 'memo' | 'unknown';

export interface FieldInfo {
  name: string;
  type: FieldType;
  /** DBF type letter (C, N, F, D, L, M …) for shapefiles */
  sourceType?: string;
  length?: number;
  decimals?: number;
}

/** A non-fatal finding, aggregated per code: how many features and the first few indices. */
export interface ReaderWarning {
  code: string;
  message: string;
  messageZh: string;
  count: number;
  /** feature indices (first 100) */
  indices: number[];
  field?: string;
}

export interface ReadResultBase {
  /** display name, e.g. "parcels.shp" or "export.zip › 地块.shp" */
  file: string;
  features: SourceFeature[];
  fields: FieldInfo[];
  encodingDecision: EncodingDecision | null;
  warnings: ReaderWarning[];
}

/** Collects warnings per code (+field), keeping counts and the first indices. */
export class WarningLog {
  private readonly map = new Map<string, ReaderWarning>();

  add(code: string, message: string, messageZh: string, index?: number, field?: string): void {
    const key = field === undefined ? code : `${code}\u0000${field}`;
    let w = this.map.get(key);
    if (!w) {
      w = { code, message, messageZh, count: 0, indices: [], ...(field !== undefined ? { field } : {}) };
      this.map.set(key, w);
    }
    w.count++;
    if (index !== undefined && w.indices.length < 100) w.indices.push(index);
  }

  merge(ws: readonly ReaderWarning[]): void {
    for (const w of ws) {
      const key = w.field === undefined ? w.code : `${w.code}\u0000${w.field}`;
      const mine = this.map.get(key);
      if (!mine) this.map.set(key, { ...w, indices: [...w.indices] });
      else {
        mine.count += w.count;
        for (const i of w.indices) if (mine.indices.length < 100) mine.indices.push(i);
      }
    }
  }

  list(): ReaderWarning[] {
    return [...this.map.values()];
  }
}
