import { useCallback, useMemo, useState } from 'react';
import type { PlannerError } from '../../../../shared/api/errors.js';
import type { ExportCrs, ExportEncoding, ExportFieldNames, ExportLayerInput, ExportLayerReport, LayerExportFormat } from '../../../../shared/api/export.js';
import { FILTER_COLUMNS, FILTER_KEYS, isEmptyFilter, type FilterKey, type LayerFilter } from '../../../../shared/api/layer-filter.js';
import type { LayerId } from '../../../../shared/api/layers.js';
import type { ParcelFacets } from '../../../../shared/api/parcel-facets.js';
import { TOWNS } from '../../../../shared/domain/vocabulary.js';
import { toPlannerError } from '../../api/errors.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { downloadBase64 } from '../dashboard/download.js';

export type ExportScope = 'all' | 'selection' | 'filter';

export interface ExportChoices {
  scope: ExportScope;
  format: LayerExportFormat;
  encoding: ExportEncoding;
  crs: ExportCrs;
  fieldNames: ExportFieldNames;
  filter: LayerFilter;
}

const IGNORE = (): void => undefined;

/** A filter key's choices: values as the filter compares them (null = blank). */
export type FilterOptions = Partial<Record<FilterKey, (string | number | null)[]>>;

export interface ExportLayerState {
  choices: ExportChoices;
  update(patch: Partial<ExportChoices>): void;
  /** Sets one filter key to one value, or clears it (undefined). */
  setFilterValue(key: FilterKey, value: string | number | null | undefined): void;
  /** The filter keys this layer has columns for. */
  filterKeys: FilterKey[];
  options: FilterOptions;
  /** Parcels matching the filter (from the facets), null when not known. */
  filterCount: number | null;
  busy: boolean;
  error: PlannerError | null;
  result: (ExportLayerReport & { fileName: string }) | null;
  run(): void;
}

function distinct(values: Iterable<string | number | null>): (string | number | null)[] {
  const set = [...new Set(values)];
  return set.sort((a, b) => (a === null ? 1 : b === null ? -1 : typeof a === 'number' && typeof b === 'number' ? b - a : String(a).localeCompare(String(b), 'zh-CN')));
}

/** Filter choices from the parcel facets (what the data hold), towns from the vocabulary elsewhere. */
function optionsFrom(layer: LayerId, facets: ParcelFacets | null, keys: readonly FilterKey[]): FilterOptions {
  const out: FilterOptions = {};
  for (const key of keys) {
    if (layer === 'parcels' && facets) out[key] = distinct(facets.rows.map((r) => r[key]));
    else if (key === 'town') out[key] = [...TOWNS];
    else if (key === 'block' && facets) out[key] = distinct(facets.rows.map((r) => r.block).filter((b) => b !== null));
  }
  return out;
}

/** The request the choices make (selection and filter only where the scope says so). */
export function exportRequest(layer: LayerId, c: ExportChoices, selectedFids: readonly number[]): ExportLayerInput {
  const shapefile = c.format === 'shapefile';
  return {
    layer,
    format: c.format,
    fieldNames: c.fieldNames,
    ...(shapefile ? { encoding: c.encoding, crs: c.crs } : {}),
    ...(c.scope === 'selection' && selectedFids.length > 0 ? { fids: [...selectedFids] } : {}),
    ...(c.scope === 'filter' && !isEmptyFilter(c.filter) ? { filter: c.filter } : {}),
  };
}

/**
 * The export dialog's state: choices (GBK shapefile in CGCS2000 lon/lat by default, as the bureau's
 * ArcGIS expects), filter values from the parcel facets, and the export itself — the file is saved
 * through the browser's download (as the dashboard's Excel export is) and the report shown.
 */
export function useExportLayer(api: ApiClient, layer: LayerId, selectedFids: readonly number[], initialFilter: LayerFilter | undefined): ExportLayerState {
  const filterKeys = useMemo(() => FILTER_KEYS.filter((k) => FILTER_COLUMNS[k][layer] !== undefined), [layer]);
  const [choices, setChoices] = useState<ExportChoices>(() => ({
    scope: selectedFids.length > 0 && layer === 'parcels' ? 'selection' : !isEmptyFilter(initialFilter) ? 'filter' : 'all',
    format: 'shapefile',
    encoding: 'gbk',
    crs: 'EPSG:4490',
    fieldNames: 'column',
    filter: initialFilter ?? {},
  }));
  // Without facets the filter offers towns only; the export still works, so a failure is not reported.
  const facets = useApiQuery(api, filterKeys.length === 0 ? null : { key: 'facets', run: () => api.parcelFacets({}) }, { report: IGNORE }).data;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PlannerError | null>(null);
  const [result, setResult] = useState<ExportLayerState['result']>(null);

  const update = useCallback((patch: Partial<ExportChoices>) => {
    setChoices((c) => ({ ...c, ...patch }));
    setError(null);
    setResult(null);
  }, []);

  const setFilterValue = useCallback((key: FilterKey, value: string | number | null | undefined) => {
    setChoices((c) => {
      const filter: Record<string, unknown> = { ...c.filter };
      if (value === undefined) delete filter[key];
      else filter[key] = [value];
      return { ...c, filter: filter as LayerFilter };
    });
    setError(null);
    setResult(null);
  }, []);

  const options = useMemo(() => optionsFrom(layer, facets, filterKeys), [layer, facets, filterKeys]);
  const filterCount = useMemo(() => {
    if (layer !== 'parcels' || !facets) return null;
    const f = choices.filter;
    return facets.rows
      .filter((r) => FILTER_KEYS.every((k) => f[k] === undefined || (f[k] as readonly (string | number | null)[]).includes(r[k])))
      .reduce((s, r) => s + r.count, 0);
  }, [layer, facets, choices.filter]);

  const run = useCallback(() => {
    setBusy(true);
    setError(null);
    setResult(null);
    api
      .exportLayer(exportRequest(layer, choices, selectedFids))
      .then((file) => {
        downloadBase64(file.fileName, file.mime, file.base64);
        setResult({ ...file.report, fileName: file.fileName });
      })
      .catch((err: unknown) => setError(toPlannerError(err)))
      .finally(() => setBusy(false));
  }, [api, layer, choices, selectedFids]);

  return { choices, update, setFilterValue, filterKeys, options, filterCount, busy, error, result, run };
}
