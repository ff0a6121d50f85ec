import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PlannerError } from '../../../../shared/api/errors.js';
import { isLedgerLayer, type ImportPreview, type ImportReport, type ImportRequest, type LedgerPreview, type LedgerReport } from '../../../../shared/api/import.js';
import { toPlannerError } from '../../api/errors.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { newUploadId } from '../../api/upload-id.js';
import { layerForFiles, layerKind, sortFiles, type WizardLayer } from './import-options.js';
import { useImportTask, type ImportTask } from './use-import-task.js';

export type WizardStep = 'files' | 'preview' | 'import';
export type OnInvalid = 'reject' | 'skip' | 'repair';

/** What the user decided; '' = automatic (the core decides and says why). */
export interface ImportChoices {
  /** A map layer, or a ledger (transfers, factories) for a spreadsheet. */
  layer: WizardLayer;
  encoding: string;
  /** A ledger workbook's sheet to read; '' = the one the core finds best (the preview lists them all). */
  sheet: string;
  crs: string;
  /** Source field → target field ('' or null: not imported); sent as `map`. */
  map: Readonly<Record<string, string | null>>;
  /** How to treat invalid features or ledger rows; null until the user chooses (asked only when there are any). */
  onInvalid: OnInvalid | null;
}

/** A value the core proposes after refusing to guess (unknown .prj, undecided encoding). */
export type Suggestion = { kind: 'crs'; value: string; reasonZh: string | null } | { kind: 'encoding'; value: string };

export interface ImportWizard {
  open: boolean;
  step: WizardStep;
  files: readonly File[];
  /** Names dropped or picked that are not importable (shown, not sent). */
  rejected: readonly string[];
  /** Importable names left out because a ledger spreadsheet goes alone (shown, not sent). */
  extra: readonly string[];
  choices: ImportChoices;
  busy: 'upload' | 'preview' | null;
  /** A map layer's preview, or a ledger's (`'kind' in preview`). */
  preview: ImportPreview | LedgerPreview | null;
  error: PlannerError | null;
  suggestion: Suggestion | null;
  task: ImportTask;
  openWizard(files?: readonly File[]): void;
  close(): void;
  chooseFiles(files: readonly File[]): void;
  setLayer(layer: WizardLayer): void;
  setEncoding(encoding: string): void;
  setSheet(sheet: string): void;
  setCrs(crs: string): void;
  setMapping(source: string, target: string | null): void;
  setOnInvalid(choice: OnInvalid): void;
  back(): void;
  next(): void;
  retry(): void;
  start(): void;
}

const INITIAL_CHOICES: ImportChoices = { layer: 'parcels', encoding: '', sheet: '', crs: '', map: {}, onInvalid: null };
const CRS_ASKING = new Set(['unknown_crs', 'missing_prj', 'crs_mismatch']);

/**
 * The import wizard's state: files → upload (binary side channel) → importPreview, re-run on every
 * override → importStart with progress and cancel (use-import-task) → report. A spreadsheet goes to
 * a ledger (出让台账 by default) and a shapefile or GeoJSON to a map layer, whichever the user had chosen.
 * `onImported` follows a map-layer import (the caller reloads the map); a ledger changes no layer, and
 * the figures that count it (goal cards, dashboard, tallies) refresh on the `dataChanged` ([]) that follows.
 */
export function useImportWizard(api: ApiClient, onImported: (report: ImportReport) => void): ImportWizard {
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<WizardStep>('files');
  const [files, setFiles] = useState<readonly File[]>([]);
  const [rejected, setRejected] = useState<readonly string[]>([]);
  const [extra, setExtra] = useState<readonly string[]>([]);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [choices, setChoices] = useState<ImportChoices>(INITIAL_CHOICES);
  const [busy, setBusy] = useState<'upload' | 'preview' | null>(null);
  const [preview, setPreview] = useState<ImportPreview | LedgerPreview | null>(null);
  const [error, setError] = useState<PlannerError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const onTaskDone = useCallback(
    (report: ImportReport | LedgerReport) => {
      if (!('kind' in report)) onImported(report);
    },
    [onImported],
  );
  const task = useImportTask(api, onTaskDone);
  const { reset: resetTask, start: startTask, status: taskStatus } = task;
  // Only the newest upload or preview may land; an older answer arriving late is dropped.
  const generation = useRef(0);

  const request = useMemo((): ImportRequest | null => {
    if (!uploadId) return null;
    return {
      uploadId,
      layer: choices.layer,
      encoding: choices.encoding || null,
      ...(isLedgerLayer(choices.layer) && choices.sheet ? { sheet: choices.sheet } : {}),
      // A ledger has no coordinates.
      crs: isLedgerLayer(choices.layer) ? null : choices.crs || null,
      ...(Object.keys(choices.map).length > 0 ? { map: { ...choices.map } } : {}),
      onInvalid: choices.onInvalid ?? 'reject',
    };
  }, [uploadId, choices]);
  // onInvalid does not change what the preview shows (it reports every invalid feature).
  const previewKey = request ? JSON.stringify({ ...request, onInvalid: undefined }) : null;

  useEffect(() => {
    if (!request || previewKey === null) return;
    const gen = ++generation.current;
    setBusy('preview');
    setError(null);
    api.importPreview(request).then(
      (result) => {
        if (gen !== generation.current) return;
        setPreview(result);
        setBusy(null);
      },
      (err: unknown) => {
        if (gen !== generation.current) return;
        setPreview(null);
        setError(toPlannerError(err));
        setBusy(null);
      },
    );
    // `request` also changes with onInvalid; previewKey (and a retry) is what asks for a new preview.
  }, [api, previewKey, attempt]);

  const chooseFiles = useCallback(
    (picked: readonly File[]) => {
      if (taskStatus === 'starting' || taskStatus === 'running') return;
      const { accepted, rejected: refused, extra: leftOut, kind } = sortFiles(picked);
      setRejected(refused);
      setExtra(leftOut);
      if (accepted.length === 0) return;
      resetTask();
      const gen = ++generation.current;
      const id = newUploadId();
      setFiles(accepted);
      setUploadId(null);
      setPreview(null);
      setError(null);
      // A new source has its own encoding, CRS and fields: earlier overrides do not carry over.
      setChoices((c) => ({ ...INITIAL_CHOICES, layer: layerForFiles(kind, c.layer) }));
      setStep('preview');
      setBusy('upload');
      (async () => {
        for (const file of accepted) await api.upload(id, file);
      })().then(
        () => gen === generation.current && setUploadId(id),
        (err: unknown) => {
          if (gen !== generation.current) return;
          setError(toPlannerError(err));
          setBusy(null);
        },
      );
    },
    [api, taskStatus, resetTask],
  );

  const openWizard = useCallback(
    (dropped?: readonly File[]) => {
      setOpen(true);
      if (dropped && dropped.length > 0) chooseFiles(dropped);
    },
    [chooseFiles],
  );

  const running = taskStatus === 'starting' || taskStatus === 'running';
  const close = useCallback(() => {
    if (running) return;
    generation.current++;
    setOpen(false);
    setStep('files');
    setFiles([]);
    setRejected([]);
    setExtra([]);
    setUploadId(null);
    setPreview(null);
    setError(null);
    setBusy(null);
    setChoices(INITIAL_CHOICES);
    resetTask();
  }, [running, resetTask]);

  /** import → preview (after a failure), preview → files (the upload and preview are kept). */
  const back = useCallback(() => {
    if (running) return;
    if (step === 'import') {
      resetTask();
      setStep('preview');
    } else setStep('files');
  }, [running, step, resetTask]);

  const next = useCallback(() => {
    if (files.length > 0) setStep('preview');
  }, [files]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  // Between a map layer and a ledger the invalid-row choices differ (a ledger row cannot be repaired): ask again.
  const setLayer = useCallback(
    (layer: WizardLayer) =>
      setChoices((c) => ({ ...c, layer, map: {}, onInvalid: layerKind(layer) === layerKind(c.layer) ? c.onInvalid : null })),
    [],
  );
  const setEncoding = useCallback((encoding: string) => {
    setChoices((c) => ({ ...c, encoding }));
    setAttempt((n) => n + 1);
  }, []);
  // Another sheet has its own columns and rows: the mapping overrides and the invalid-row choice start afresh.
  const setSheet = useCallback((sheet: string) => setChoices((c) => ({ ...c, sheet, map: {}, onInvalid: null })), []);
  const setCrs = useCallback((crs: string) => {
    setChoices((c) => ({ ...c, crs }));
    setAttempt((n) => n + 1);
  }, []);
  const setOnInvalid = useCallback((onInvalid: OnInvalid) => setChoices((c) => ({ ...c, onInvalid })), []);
  const setMapping = useCallback((source: string, target: string | null) => {
    setChoices((c) => {
      // Re-inserted at the end: the core applies overrides in order, the latest taking a target's slot.
      const { [source]: _previous, ...rest } = c.map;
      return { ...c, map: { ...rest, [source]: target || null } };
    });
  }, []);

  const start = useCallback(() => {
    if (!request || !preview || busy) return;
    setStep('import');
    startTask(request);
  }, [request, preview, busy, startTask]);

  const suggestion = useMemo(() => suggestionFrom(error), [error]);

  return {
    open,
    step,
    files,
    rejected,
    extra,
    choices,
    busy,
    preview,
    error,
    suggestion,
    task,
    openWizard,
    close,
    chooseFiles,
    setLayer,
    setEncoding,
    setSheet,
    setCrs,
    setMapping,
    setOnInvalid,
    back,
    next,
    retry,
    start,
  };
}

function suggestionFrom(error: PlannerError | null): Suggestion | null {
  if (!error) return null;
  if (error.code === 'encoding_undecided') return { kind: 'encoding', value: 'gbk' };
  if (!CRS_ASKING.has(error.code)) return null;
  const proposal = error.details?.['proposal'];
  if (typeof proposal !== 'object' || proposal === null) return { kind: 'crs', value: '', reasonZh: null };
  const { epsg, reasonZh } = proposal as { epsg?: unknown; reasonZh?: unknown };
  return {
    kind: 'crs',
    value: typeof epsg === 'number' ? `EPSG:${epsg}` : '',
    reasonZh: typeof reasonZh === 'string' ? reasonZh : null,
  };
}
