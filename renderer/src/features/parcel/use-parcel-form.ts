import { useCallback, useEffect, useState } from 'react';
import type { Edit, EditResult, ParcelCard } from '../../../../shared/api/edit.js';
import type { PlannerError } from '../../../../shared/api/errors.js';
import { toPlannerError } from '../../api/errors.js';

/** The editable fields of a parcel as the form holds them (empty string = no value). */
export interface ParcelFormValues {
  status: string;
  method: string;
  completedOn: string;
  owner: string;
}

export type FormOutcome = { kind: 'saved'; count: number } | { kind: 'unchanged' } | { kind: 'error'; error: PlannerError } | null;

export interface ParcelForm {
  values: ParcelFormValues;
  set<K extends keyof ParcelFormValues>(field: K, value: ParcelFormValues[K]): void;
  dirty: boolean;
  saving: boolean;
  outcome: FormOutcome;
  save(): Promise<void>;
  reset(): void;
}

const FIELD_OF: Record<keyof ParcelFormValues, string> = {
  status: 'status',
  method: 'method',
  completedOn: 'completed_on',
  owner: 'owner',
};

export function formValuesOf(card: ParcelCard): ParcelFormValues {
  return { status: card.status ?? '', method: card.method ?? '', completedOn: card.completedOn ?? '', owner: card.owner ?? '' };
}

/** One edit per changed field, blank → null; the backend checks values and the completion-date rule. */
export function editsFor(fid: number, before: ParcelFormValues, after: ParcelFormValues): Edit[] {
  const edits: Edit[] = [];
  for (const key of Object.keys(FIELD_OF) as Array<keyof ParcelFormValues>) {
    const value = after[key].trim();
    if (value === before[key].trim()) continue;
    edits.push({ table: 'parcels', fid, field: FIELD_OF[key], value: value === '' ? null : value });
  }
  return edits;
}

/** The card's edit form; it follows the card whenever the stored parcel changes. */
export function useParcelForm(card: ParcelCard, apply: (edits: Edit[]) => Promise<EditResult>): ParcelForm {
  const [values, setValues] = useState<ParcelFormValues>(() => formValuesOf(card));
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<FormOutcome>(null);
  const base = formValuesOf(card);
  const baseKey = JSON.stringify([card.fid, base]);

  useEffect(() => {
    setValues(JSON.parse(baseKey)[1] as ParcelFormValues);
  }, [baseKey]);
  useEffect(() => setOutcome(null), [card.fid]);

  const set = useCallback(<K extends keyof ParcelFormValues>(field: K, value: ParcelFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setOutcome(null);
  }, []);

  const edits = editsFor(card.fid, base, values);
  const save = async (): Promise<void> => {
    if (edits.length === 0) {
      setOutcome({ kind: 'unchanged' });
      return;
    }
    setSaving(true);
    try {
      const result = await apply(edits);
      setOutcome(result.changed.length === 0 ? { kind: 'unchanged' } : { kind: 'saved', count: result.changed.length });
    } catch (err) {
      setOutcome({ kind: 'error', error: toPlannerError(err) });
    } finally {
      setSaving(false);
    }
  };
  const reset = (): void => {
    setValues(base);
    setOutcome(null);
  };
  return { values, set, dirty: edits.length > 0, saving, outcome, save, reset };
}
