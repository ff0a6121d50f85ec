import { useMemo } from 'react';
import type { ProjectInfo } from '../../../../shared/api/contract.js';
import type { FeatureCollection } from '../../../../shared/api/geojson.js';
import type { LayerId } from '../../../../shared/api/layers.js';
import type { MapSelection } from '../../map/map-controller.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { useApiQuery } from '../../api/use-api-query.js';

export interface StatusBarModel {
  isSample: boolean;
  fileName: string | null;
  filePath: string | null;
  parcelCount: number | null;
  /** Code or name of the selected feature, if any. */
  selectionLabel: string | null;
}

/** The status bar never reports a failed label lookup: the label is a nicety. */
const ignore = (): void => undefined;

export function useStatusBar(
  info: ProjectInfo | null,
  data: Partial<Record<LayerId, FeatureCollection>>,
  selection: MapSelection | null,
  /** Asks the core for the code of a selected feature whose layer is not loaded (parcels: drawn from tiles). */
  api: ApiClient,
): StatusBarModel {
  const selected = selection ? data[selection.layer] : undefined;
  const ask = selection?.layer === 'parcels' && !selected ? selection.id : null;
  const row = useApiQuery(
    api,
    ask !== null ? { key: `parcel:${ask}`, run: () => api.parcelRows({ fids: [ask], limit: 1 }) } : null,
    { report: ignore, refreshOn: (layers) => layers.includes('parcels') },
  ).data?.rows[0];
  const selectionLabel = useMemo(() => {
    if (!selection) return null;
    if (!selected) return ask !== null ? (row?.code ?? `#${selection.id}`) : null;
    const feature = selected.features.find((f) => f.id === selection.id);
    if (!feature) return null;
    const { name, code } = feature.properties;
    const text = [code, name].filter((v) => v !== null && v !== undefined && v !== '').join(' ');
    return text || `#${selection.id}`;
  }, [selection, selected, ask, row]);
  return {
    isSample: info?.isSample ?? false,
    fileName: info ? baseName(info.path) : null,
    filePath: info?.path ?? null,
    parcelCount: info ? (info.counts.parcels ?? 0) : null,
    selectionLabel,
  };
}

/** Last segment of a Windows or POSIX path (no node:path in the renderer). */
function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
