import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCEPTED_FILES, isSpreadsheet, type WizardLayer } from './import-options.js';
import { LayerSelect } from './LayerSelect.js';

export interface ImportFilesStepProps {
  files: readonly File[];
  rejected: readonly string[];
  layer: WizardLayer;
  onFiles: (files: File[]) => void;
  onLayer: (layer: WizardLayer) => void;
}

/**
 * Step 1: drop or pick the files, choose the layer or ledger (a spreadsheet chooses a ledger by
 * itself). Drops anywhere on the window land here too.
 */
export function ImportFilesStep({ files, rejected, layer, onFiles, onLayer }: ImportFilesStepProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="import-files">
      <div className="import-row">
        <LayerSelect value={layer} kind={files.length === 0 ? null : files.some((f) => isSpreadsheet(f.name)) ? 'ledger' : 'map'} onChange={onLayer} />
      </div>
      <div className="drop-zone" data-testid="import-drop-zone">
        <div className="drop-icon" aria-hidden="true" />
        <div className="drop-title">{t('importer.dropTitle')}</div>
        <div className="drop-hint">{t('importer.dropHint')}</div>
        <button type="button" className="btn" onClick={() => input.current?.click()}>
          {t('importer.pick')}
        </button>
        <input
          ref={input}
          className="visually-hidden"
          type="file"
          multiple
          accept={ACCEPTED_FILES}
          data-testid="import-file-input"
          onChange={(e) => {
            const picked = Array.from(e.target.files ?? []);
            e.target.value = ''; // picking the same files again must fire change again
            if (picked.length > 0) onFiles(picked);
          }}
        />
      </div>
      {files.length > 0 && <FileList files={files} />}
      {rejected.length > 0 && (
        <div className="notice notice-warn" data-testid="import-rejected">
          {t('importer.rejected', { names: rejected.join('、') })}
        </div>
      )}
    </div>
  );
}

export function FileList({ files }: { files: readonly File[] }) {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (
    <div className="file-list" data-testid="import-files">
      <span className="field-label">{t('importer.files')}</span>
      {files.map((f) => (
        <span key={f.name} className="file-chip" title={`${format.format(f.size / 1024)} KB`}>
          {f.name}
        </span>
      ))}
    </div>
  );
}
