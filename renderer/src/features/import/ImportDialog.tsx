import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportFilesStep } from './ImportFilesStep.js';
import { ImportPreviewStep } from './ImportPreviewStep.js';
import { ImportRunStep } from './ImportRunStep.js';
import { layerKind } from './import-options.js';
import { problemRows } from './ledger-view.js';
import type { ImportWizard, WizardStep } from './use-import-wizard.js';

const STEPS: readonly WizardStep[] = ['files', 'preview', 'import'];

/** The import wizard (modal): choose files → check the preview → import with progress → report. */
export function ImportDialog({ wizard, dragging }: { wizard: ImportWizard; dragging: boolean }) {
  const { t } = useTranslation();
  const { step, task, preview, busy, error, choices } = wizard;
  const running = task.status === 'starting' || task.status === 'running';
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    panel.current?.focus();
  }, []);

  const ledger = layerKind(choices.layer) === 'ledger';
  // A ledger's problems are rows (unreadable values and unknown parcel codes), a map layer's invalid features.
  const invalidCount = preview ? ('kind' in preview ? problemRows(preview) : preview.invalid.length) : 0;
  const needsChoice = invalidCount > 0 && choices.onInvalid === null;
  // A ledger with no importable row would only fail ('nothing_imported'): the button waits for a fix (mapping, encoding).
  const nothingToImport = preview !== null && 'kind' in preview && preview.valid === 0;
  const canStart = step === 'preview' && preview !== null && busy === null && error === null && !needsChoice && !nothingToImport;
  const current = STEPS.indexOf(step);

  return (
    <div className="modal-backdrop" data-testid="import-backdrop">
      <div
        ref={panel}
        className={dragging && !running ? 'modal import-dialog drag-over' : 'modal import-dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-dialog-title"
        tabIndex={-1}
        data-testid="import-dialog"
        data-step={step}
        data-busy={busy ?? (running ? 'import' : '')}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !running) {
            e.stopPropagation();
            wizard.close();
          }
        }}
      >
        <header className="modal-header">
          <h2 id="import-dialog-title" className="modal-title">
            {t('importer.title')}
          </h2>
          <ol className="steps">
            {STEPS.map((s, i) => (
              <li key={s} className={i === current ? 'step active' : i < current ? 'step done' : 'step'}>
                <span className="step-no">{i + 1}</span>
                {t(`importer.steps.${s}`)}
              </li>
            ))}
          </ol>
          <button type="button" className="modal-x" aria-label={t('importer.close')} disabled={running} onClick={wizard.close}>
            ×
          </button>
        </header>

        <div className="modal-body">
          {step === 'files' && (
            <ImportFilesStep
              files={wizard.files}
              rejected={wizard.rejected}
              layer={choices.layer}
              onFiles={wizard.chooseFiles}
              onLayer={wizard.setLayer}
            />
          )}
          {step === 'preview' && <ImportPreviewStep wizard={wizard} />}
          {step === 'import' && <ImportRunStep task={task} ledger={ledger} />}
        </div>

        <footer className="modal-footer">
          {step === 'files' && (
            <>
              <span className="toolbar-spacer" />
              <button type="button" className="btn" onClick={wizard.close}>
                {t('importer.cancel')}
              </button>
              <button type="button" className="btn btn-primary" data-testid="import-next" disabled={wizard.files.length === 0} onClick={wizard.next}>
                {t('importer.next')}
              </button>
            </>
          )}
          {step === 'preview' && (
            <>
              <button type="button" className="btn" data-testid="import-back" onClick={wizard.back}>
                {t('importer.back')}
              </button>
              {error && !wizard.suggestion && (
                <button type="button" className="btn" onClick={wizard.retry}>
                  {t('importer.retry')}
                </button>
              )}
              <span className="footer-hint">
                {needsChoice ? (ledger ? t('importer.ledger.onInvalidChoose', { count: invalidCount }) : t('importer.onInvalidChoose', { count: invalidCount })) : ''}
              </span>
              <button type="button" className="btn" onClick={wizard.close}>
                {t('importer.cancel')}
              </button>
              <button type="button" className="btn btn-primary" data-testid="import-start" disabled={!canStart} onClick={wizard.start}>
                {!preview
                  ? t('importer.startPlain')
                  : 'kind' in preview
                    ? t('importer.ledger.start', { count: preview.valid })
                    : t('importer.start', { count: importCount(preview.valid, preview.invalid.length, choices.onInvalid) })}
              </button>
            </>
          )}
          {step === 'import' && running && (
            <>
              <span className="toolbar-spacer" />
              <button type="button" className="btn" data-testid="import-cancel" disabled={task.cancelling || task.taskId === null} onClick={task.cancel}>
                {t('importer.cancel')}
              </button>
            </>
          )}
          {step === 'import' && !running && (
            <>
              {task.status === 'failed' && (
                <button type="button" className="btn" data-testid="import-back" onClick={wizard.back}>
                  {t('importer.back')}
                </button>
              )}
              <span className="toolbar-spacer" />
              <button type="button" className="btn btn-primary" data-testid="import-close" onClick={wizard.close}>
                {t('importer.close')}
              </button>
            </>
          )}
        </footer>
      </div>
    </div>
  );
}

/** What the button promises: repair may bring invalid features in, skip leaves them out. */
function importCount(valid: number, invalid: number, onInvalid: string | null): number | string {
  if (onInvalid === 'repair' && invalid > 0) return `${valid}–${valid + invalid}`;
  return valid;
}
