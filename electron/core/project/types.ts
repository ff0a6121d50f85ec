import type { Geometry, PropertyValue } from '../../../shared/api/geojson.js';

/** A feature to write into a layer: lon/lat geometry (EPSG:4490) and typed column values. */
export interface FeatureInput {
  geometry: Geometry;
  /** Keys are the layer's column names (see LAYER_COLUMNS); missing keys are stored as NULL. */
  properties: Record<string, PropertyValue>;
}

/** Attribute-table rows the sample generator and ledgers write. */
export interface TransferRow {
  parcel_code: string;
  contract_date: string; // YYYY-MM-DD
  area_m2: number;
  price_wan: number; // 万元
  buyer: string;
  land_use: string;
  town: string;
}

export interface FactoryRow {
  code: string;
  name: string;
  parcel_code: string | null;
  floor_m2: number;
  completed_on: string | null; // YYYY-MM-DD
  town: string;
}

export interface GoalRow {
  year: number;
  key: string;
  label: string;
  label_en: string;
  target: number;
  unit: string;
}

export interface MetricEntryRow {
  key: string; // goal key, e.g. special_bonds
  entry_date: string; // YYYY-MM-DD
  value: number;
  unit: string;
  note: string;
}
