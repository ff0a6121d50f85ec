import type { GeometryEditResult, GeometryOperation } from '../../../../shared/api/edit-geometry.js';
import type { Settings } from '../../../../shared/api/settings.js';
import { ellipsoidalAreaM2 } from '../../../../shared/domain/area.js';
import { m2ToMu } from '../../../../shared/domain/units.js';
import type { EditMode } from '../../map/tools/edit/geometry-edit-tools.js';
import type { Outline } from '../../map/tools/edit/vertex-state.js';

/** What each tool needs selected: 编辑节点 and 分割 one parcel, 合并 two or more, 绘制 nothing. */
export function modeAvailable(mode: EditMode, selectedParcels: readonly number[]): boolean {
  if (mode === 'draw') return true;
  if (mode === 'merge') return selectedParcels.length >= 2;
  return selectedParcels.length === 1;
}

/** The tools that take map clicks for themselves (a click adds a vertex instead of selecting). */
export const capturesClicks = (mode: EditMode | null): boolean => mode === 'draw' || mode === 'vertices' || mode === 'split';

/** An outline with its ellipsoidal area (CGCS2000), as the panel shows it live. */
export interface Draft {
  geometry: Outline;
  areaM2: number;
  areaMu: number;
}

export function draftOf(geometry: Outline): Draft {
  const areaM2 = ellipsoidalAreaM2(geometry);
  return { geometry, areaM2, areaMu: m2ToMu(areaM2) };
}

/** The new parcel's form (绘制地块): code required; status from the vocabulary. */
export interface NewParcelForm {
  code: string;
  owner: string;
  status: string;
}

export const emptyForm = (settings: Settings | null): NewParcelForm => ({ code: '', owner: '', status: settings?.statuses[0]?.value ?? '' });

/** The create operation for a drawn outline; blank owner → no value. */
export function createOperation(draft: Draft, form: NewParcelForm): GeometryOperation {
  const values: Record<string, string> = { code: form.code.trim(), status: form.status };
  if (form.owner.trim() !== '') values['owner'] = form.owner.trim();
  return { op: 'create', geometry: draft.geometry, values };
}

/** Parcels a saved operation leaves, for the selection: the split pieces, the merged parcel, the new one. */
export function remainingFids(result: GeometryEditResult): number[] {
  return result.parcels.filter((p) => p.action !== 'deleted').map((p) => p.fid);
}
