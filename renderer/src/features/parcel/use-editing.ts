import { useCallback, useEffect, useRef, useState } from 'react';
import type { Edit, EditResult } from '../../../../shared/api/edit.js';
import type { ApiClient } from '../../api/planner-bridge.js';

/** Who the audit log names for edits made in this window. */
export const EDIT_ACTOR = '规划员';

export type EditNotice =
  | { kind: 'undone' | 'redone'; count: number }
  | { kind: 'nothingToUndo' | 'nothingToRedo' };

export interface Editing {
  /** Sends edits through the one edit path; throws the backend's PlannerError for the form to show. */
  apply(edits: Edit[]): Promise<EditResult>;
  undo(): void;
  redo(): void;
  /** Approximate: false only once the backend said there was nothing to undo (redo), until the next change. */
  canUndo: boolean;
  canRedo: boolean;
  notice: EditNotice | null;
  /** Bumped after every change written here (edit, undo, redo): cards reload their history. */
  revision: number;
}

const NOTICE_MS = 3000;

/**
 * Edits, undo and redo, with the known result applied to the map at once (`onChanged`), and the
 * keyboard: Ctrl+Z undo, Ctrl+Y or Ctrl+Shift+Z redo — except while typing in a text field, where
 * the field's own undo applies.
 */
export function useEditing(api: ApiClient, onChanged: (result: EditResult) => void, report: (err: unknown) => void): Editing {
  const [canUndo, setCanUndo] = useState(true);
  const [canRedo, setCanRedo] = useState(true);
  const [notice, setNotice] = useState<EditNotice | null>(null);
  const [revision, setRevision] = useState(0);
  const timer = useRef<number | undefined>(undefined);

  const show = useCallback((n: EditNotice) => {
    setNotice(n);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setNotice(null), NOTICE_MS);
  }, []);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const changed = useCallback(
    (result: EditResult) => {
      onChanged(result);
      setRevision((r) => r + 1);
    },
    [onChanged],
  );

  const apply = useCallback(
    async (edits: Edit[]) => {
      const result = await api.applyEdits({ edits, actor: EDIT_ACTOR });
      if (result.batchId !== null) {
        changed(result);
        setCanUndo(true);
        setCanRedo(false);
      }
      return result;
    },
    [api, changed],
  );

  const undo = useCallback(() => {
    api.undo({ actor: EDIT_ACTOR }).then((result) => {
      if (result.batchId === null) {
        setCanUndo(false);
        show({ kind: 'nothingToUndo' });
        return;
      }
      changed(result);
      setCanRedo(true);
      show({ kind: 'undone', count: result.changed.length });
    }, report);
  }, [api, changed, show, report]);

  const redo = useCallback(() => {
    api.redo({ actor: EDIT_ACTOR }).then((result) => {
      if (result.batchId === null) {
        setCanRedo(false);
        show({ kind: 'nothingToRedo' });
        return;
      }
      changed(result);
      setCanUndo(true);
      show({ kind: 'redone', count: result.changed.length });
    }, report);
  }, [api, changed, show, report]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextField(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  return { apply, undo, redo, canUndo, canRedo, notice, revision };
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}
