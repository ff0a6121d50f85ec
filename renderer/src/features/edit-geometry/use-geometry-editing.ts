import { useCallback, useEffect, useRef, useState } from 'react';
import type { GeometryEditResult, GeometryOperation } from '../../../../shared/api/edit-geometry.js';
import type { PlannerError } from '../../../../shared/api/errors.js';
import type { Settings } from '../../../../shared/api/settings.js';
import { toPlannerError } from '../../api/errors.js';
import { onContractEvent } from '../../api/events.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import type { MapController } from '../../map/map-controller.js';
import { GeometryEditTools, type EditMode } from '../../map/tools/edit/geometry-edit-tools.js';
import { sketchPolygon, toOutline, type Outline } from '../../map/tools/edit/vertex-state.js';
import type { MeasureState } from '../../map/tools/measure-state.js';
import type { SelectionModel } from '../parcel/use-selection.js';
import { capturesClicks, createOperation, draftOf, emptyForm, modeAvailable, remainingFids, type Draft, type NewParcelForm } from './edit-session.js';

/** Who the audit log names for geometry edits made in this window (as for field edits). */
const EDIT_ACTOR = '规划员';

export interface GeometryEditingModel {
  mode: EditMode | null;
  /** Turns a tool on (or off when it is on already). */
  toggle(mode: EditMode): void;
  available(mode: EditMode): boolean;
  /** The map exists: the buttons can act. */
  ready: boolean;
  /** Map clicks belong to the tool (no selection meanwhile). */
  capturesClicks: boolean;
  sketch: MeasureState | null;
  /** The outline drawn (绘制) or being reshaped (编辑节点), with its live area. */
  draft: Draft | null;
  /** The parcel's area before reshaping (编辑节点). */
  originalM2: number | null;
  /** The core's dry run of a split or merge: the pieces and their areas before saving. */
  preview: GeometryEditResult | null;
  form: NewParcelForm;
  setForm(form: NewParcelForm): void;
  busy: boolean;
  error: PlannerError | null;
  /** The last saved operation (its notice). */
  saved: GeometryEditResult | null;
  canSave: boolean;
  save(): void;
  /** Starts the tool over (drops the sketch, the moved vertices, the preview). */
  reset(): void;
}

interface OtherTool {
  /** The map tools' measure or lasso is on. */
  active: boolean;
  leave(): void;
}

/**
 * Geometry editing for the app shell (issue 5 item 5): the tool buttons' state, the map side
 * (GeometryEditTools over MapController.maplibre()), and the core's editGeometry — a dry run to
 * preview a split or merge, then the write through the one edit path. After a save the selection
 * moves to what the operation left (the pieces, the merged parcel, the new parcel); the map, tally
 * and inspector follow the core's dataChanged; Ctrl+Z undoes it like any edit.
 */
export function useGeometryEditing(
  api: ApiClient,
  controller: MapController | null,
  selection: SelectionModel,
  settings: Settings | null,
  other: OtherTool,
): GeometryEditingModel {
  const [tools, setTools] = useState<GeometryEditTools | null>(null);
  const [mode, setMode] = useState<EditMode | null>(null);
  const [sketch, setSketch] = useState<MeasureState | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [original, setOriginal] = useState<{ outline: Outline; areaM2: number } | null>(null);
  const [preview, setPreview] = useState<GeometryEditResult | null>(null);
  const [form, setForm] = useState<NewParcelForm>(() => emptyForm(settings));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PlannerError | null>(null);
  const [saved, setSaved] = useState<GeometryEditResult | null>(null);
  const [round, setRound] = useState(0);
  const pending = useRef<GeometryOperation | null>(null);
  const { parcels, selectParcel, selectParcels } = selection;
  const target = parcels.length === 1 ? (parcels[0] ?? null) : null;

  useEffect(() => {
    if (!controller) return undefined;
    const created = new GeometryEditTools(controller.maplibre(), {
      onSketch: setSketch,
      onOutline: (o) => {
        setDraft(draftOf(o));
        setSaved(null);
      },
      onEscape: () => setMode(null),
    });
    setTools(created);
    return () => {
      setTools(null);
      created.destroy();
    };
  }, [controller]);

  // One tool at a time: measuring or lassoing ends geometry editing.
  const { active: otherActive, leave: leaveOther } = other;
  useEffect(() => {
    if (otherActive) setMode(null);
  }, [otherActive]);

  // Each tool (and each new round of it) starts clean.
  useEffect(() => {
    tools?.setMode(null);
    tools?.setMode(mode);
    setSketch(null);
    setDraft(null);
    setOriginal(null);
    setPreview(null);
    setError(null);
    pending.current = null;
  }, [tools, mode, round]);

  // A tool whose selection is gone (another parcel picked from a list, the selection cleared) ends.
  const selectionKey = parcels.join(',');
  const started = useRef<string | null>(null);
  useEffect(() => {
    if (mode === null || mode === 'draw') return;
    if (started.current === null) started.current = selectionKey;
    else if (started.current !== selectionKey) setMode(null);
  }, [mode, selectionKey]);
  useEffect(() => {
    if (mode === null) started.current = null;
  }, [mode]);

  const fail = useCallback((err: unknown) => setError(toPlannerError(err)), []);

  // Parcels changed (an undo, a redo, another window's edit): the outline or preview shown may be
  // stale, so the tool starts over from what is stored. Drawing a new parcel is not affected.
  const modeNow = useRef(mode);
  modeNow.current = mode;
  useEffect(
    () =>
      onContractEvent(api, 'dataChanged', ({ layers }) => {
        if (layers.includes('parcels') && modeNow.current !== null && modeNow.current !== 'draw') setRound((n) => n + 1);
      }),
    [api],
  );

  // 编辑节点: the selected parcel's outline with its handles.
  useEffect(() => {
    if (mode !== 'vertices' || target === null || !tools) return undefined;
    let live = true;
    api.parcelGeometry({ fid: target }).then((g) => {
      const outline = toOutline(g.geometry);
      if (!live || !outline) return;
      setOriginal({ outline, areaM2: g.areaM2 });
      setDraft(draftOf(outline));
      tools.showOutline(outline, true);
    }, fail);
    return () => {
      live = false;
    };
  }, [api, mode, target, tools, round, fail]);

  // 绘制地块: the finished ring is the draft; 分割: the finished line asks the core for the pieces.
  // An unfinished sketch (still clicking, or dropped with Esc) has neither.
  useEffect(() => {
    if (!tools || (mode !== 'draw' && mode !== 'split')) return undefined;
    if (!sketch?.finished) {
      if (mode === 'draw') setDraft(null);
      else {
        if (pending.current) {
          pending.current = null;
          tools.showPieces([]);
        }
        setPreview(null);
        if (sketch && sketch.vertices.length > 0) setError(null);
      }
      return undefined;
    }
    if (mode === 'draw') {
      const outline = sketchPolygon(sketch.vertices);
      if (outline) setDraft(draftOf(outline));
      return undefined;
    }
    if (target === null) return undefined;
    return dryRun({ op: 'split', parcel: { fid: target }, line: sketch.vertices.map((v) => [v[0], v[1]]) });
  }, [sketch, tools, mode, target]);

  // 合并: the union of the selected parcels, previewed at once (the selection is fixed while merging: a change ends the tool).
  useEffect(() => {
    if (mode !== 'merge' || !tools || parcels.length < 2) return undefined;
    return dryRun({ op: 'merge', parcels: parcels.map((fid) => ({ fid })) });
  }, [mode, tools, round]);

  function dryRun(operation: GeometryOperation): () => void {
    let live = true;
    setBusy(true);
    setError(null);
    pending.current = operation;
    api.editGeometry({ operation, actor: EDIT_ACTOR, dryRun: true }).then(
      (r) => {
        if (!live) return;
        setPreview(r);
        tools?.showPieces(r.parcels.flatMap((p) => (p.geometry ? [p.geometry] : [])));
      },
      (err: unknown) => {
        if (!live) return;
        pending.current = null;
        fail(err);
      },
    ).finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }

  const operation = (): GeometryOperation | null => {
    if (mode === 'draw') return draft ? createOperation(draft, form) : null;
    if (mode === 'vertices') return draft && target !== null ? { op: 'replace', parcel: { fid: target }, geometry: draft.geometry } : null;
    return pending.current;
  };
  const canSave = !busy && operation() !== null && (mode !== 'draw' || form.code.trim() !== '') && (mode !== 'vertices' || draft?.geometry !== original?.outline);

  const save = (): void => {
    const op = operation();
    if (!op || busy) return;
    setBusy(true);
    setError(null);
    api.editGeometry({ operation: op, actor: EDIT_ACTOR }).then(
      (r) => {
        setSaved(r);
        const left = remainingFids(r);
        if (left.length === 1 && left[0] !== undefined) selectParcel(left[0]);
        else if (left.length > 1) selectParcels(left, false);
        if (mode === 'draw') setForm(emptyForm(settings));
        setMode(mode === 'vertices' ? 'vertices' : null);
        setRound((n) => n + 1);
      },
      fail,
    ).finally(() => setBusy(false));
  };

  const toggle = useCallback(
    (next: EditMode) => {
      setSaved(null);
      if (next !== mode) leaveOther();
      setMode((m) => (m === next ? null : next));
    },
    [mode, leaveOther],
  );
  const available = useCallback((m: EditMode) => modeAvailable(m, parcels), [parcels]);
  const reset = useCallback(() => setRound((n) => n + 1), []);

  return {
    mode,
    toggle,
    available,
    ready: tools !== null,
    capturesClicks: capturesClicks(mode),
    sketch,
    draft,
    originalM2: original?.areaM2 ?? null,
    preview,
    form,
    setForm,
    busy,
    error,
    saved,
    canSave,
    save,
    reset,
  };
}
