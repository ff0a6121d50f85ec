import { useCallback, useState } from 'react';
import type { EditResult, SearchHit } from '../../../../shared/api/edit.js';
import { ROW_FIELD } from '../../../../shared/api/edit-geometry.js';
import type { BBox, FeatureCollection } from '../../../../shared/api/geojson.js';
import type { LayerId } from '../../../../shared/api/layers.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import type { MapFocus } from '../../map/MapView.js';
import { patchParcels } from './patch-parcels.js';
import { useEditing, type Editing } from './use-editing.js';
import { useSelection, type SelectionModel } from './use-selection.js';

export interface ParcelTools {
  selection: SelectionModel;
  editing: Editing;
  /** The latest request to move the map (a search pick, a parcel chosen from a block's list). */
  focus: MapFocus | null;
  flyTo(bbox: BBox): void;
  /** A search result chosen: fly to it and open its card. */
  pickHit(hit: SearchHit): void;
}

type PatchLayer = (layer: LayerId, patch: (c: FeatureCollection) => FeatureCollection) => void;

/** Selection, editing (with the map patched at once from each edit's result) and map focus, for the app shell. */
export function useParcelTools(api: ApiClient, patchLayer: PatchLayer, report: (err: unknown) => void): ParcelTools {
  const selection = useSelection();
  const [focus, setFocus] = useState<MapFocus | null>(null);
  const { deselectParcel } = selection;
  const onChanged = useCallback(
    (result: EditResult) => {
      patchLayer('parcels', (c) => patchParcels(c, result.changed));
      // Parcels an undo or redo removed (a split's new pieces, a merge's others) leave the selection.
      for (const c of result.changed) if (c.table === 'parcels' && c.field === ROW_FIELD && c.new === null) deselectParcel(c.fid);
    },
    [patchLayer, deselectParcel],
  );
  const editing = useEditing(api, onChanged, report);
  const flyTo = useCallback((bbox: BBox) => setFocus({ bbox }), []);
  const { selectParcel } = selection;
  const pickHit = useCallback(
    (hit: SearchHit) => {
      selectParcel(hit.fid);
      if (hit.bbox) flyTo(hit.bbox);
    },
    [selectParcel, flyTo],
  );
  return { selection, editing, focus, flyTo, pickHit };
}
