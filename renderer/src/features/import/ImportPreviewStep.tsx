import { useTranslation } from 'react-i18next';
import { FileList } from './ImportFilesStep.js';
import { ImportDetection } from './ImportDetection.js';
import { ImportErrorView } from './ImportErrorView.js';
import { ImportMappingTable } from './ImportMappingTable.js';
import { ImportSampleTable } from './ImportSampleTable.js';
import { ImportValidity } from './ImportValidity.js';
import { LayerSelect } from './LayerSelect.js';
import type { ImportWizard } from './use-import-wizard.js';

/** Step 2: what the import would do, with every decision open to change (each change previews again). */
export function ImportPreviewStep({ wizard }: { wizard: ImportWizard }) {
  const { t } = useTranslation();
  const { preview, error, busy, choices, suggestion } = wizard;
  const disabled = busy !== null;
  return (
    <div className="import-preview" aria-busy={busy !== null}>
      <div className="import-row">
        <FileList files={wizard.files} />
        <LayerSelect value={choices.layer} disabled={busy === 'upload'} onChange={wizard.setLayer} />
      </div>
      {busy && (
        <div className="busy-line" data-testid="import-busy">
          <span className="spinner" aria-hidden="true" />
          {busy === 'upload' ? t('importer.uploading') : t('importer.previewing')}
        </div>
      )}
      {error && (
        <ImportErrorView
          key={`${error.code}:${error.message}`}
          title={t('importer.previewFailed')}
          error={error}
          suggestion={suggestion}
          onConfirm={(s) => (s.kind === 'crs' ? wizard.setCrs(s.value) : wizard.setEncoding(s.value))}
        />
      )}
      {preview && (
        <div className={busy ? 'preview-body stale' : 'preview-body'} data-testid="import-preview">
          <ImportDetection
            preview={preview}
            encoding={choices.encoding}
            crs={choices.crs}
            disabled={disabled}
            onEncoding={wizard.setEncoding}
            onCrs={wizard.setCrs}
          />
          <div className="preview-columns">
            <ImportMappingTable preview={preview} disabled={disabled} onChange={wizard.setMapping} />
            <ImportValidity preview={preview} onInvalid={choices.onInvalid} disabled={disabled} onChoose={wizard.setOnInvalid} />
          </div>
          <ImportSampleTable preview={preview} />
        </div>
      )}
    </div>
  );
}
