import { useTranslation } from 'react-i18next';
import type { ImportPreview, LedgerPreview } from '../../../../shared/api/import.js';
import { currentLocale } from '../../i18n/i18n.js';
import { FileList } from './ImportFilesStep.js';
import { ImportDetection } from './ImportDetection.js';
import { ImportErrorView } from './ImportErrorView.js';
import { ImportMappingTable } from './ImportMappingTable.js';
import { ImportSampleTable } from './ImportSampleTable.js';
import { ImportValidity } from './ImportValidity.js';
import { LayerSelect } from './LayerSelect.js';
import { LedgerChecks } from './LedgerChecks.js';
import { LedgerDetection } from './LedgerDetection.js';
import { LedgerSampleTable } from './LedgerSampleTable.js';
import { LedgerSheetSelect } from './LedgerSheetSelect.js';
import { layerKind } from './import-options.js';
import { ledgerFieldLabel, ledgerSheets, missingColumns } from './ledger-view.js';
import { ledgerMapping, ledgerRescueMapping, mapLayerMapping } from './mapping-rows.js';
import type { ImportWizard } from './use-import-wizard.js';

/** Step 2: what the import would do, with every decision open to change (each change previews again). */
export function ImportPreviewStep({ wizard }: { wizard: ImportWizard }) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  const { preview, error, busy, choices, suggestion } = wizard;
  const disabled = busy !== null;
  // A ledger whose required column is not recognised: the user maps it here, and the preview runs again.
  const missing = missingColumns(error, choices.layer);
  // Refused for the sheet read (no required column, say): the other sheets stay one choice away.
  const errorSheets = error && layerKind(choices.layer) === 'ledger' ? ledgerSheets(null, error) : null;
  return (
    <div className="import-preview" aria-busy={busy !== null}>
      <div className="import-row">
        <FileList files={wizard.files} />
        <LayerSelect value={choices.layer} kind={layerKind(choices.layer)} disabled={busy === 'upload'} onChange={wizard.setLayer} />
      </div>
      {wizard.extra.length > 0 && (
        <div className="notice notice-warn" data-testid="import-extra">
          {t('importer.ledger.oneFile', { names: wizard.extra.join('、') })}
        </div>
      )}
      {busy && (
        <div className="busy-line" data-testid="import-busy">
          <span className="spinner" aria-hidden="true" />
          {busy === 'upload' ? t('importer.uploading') : t('importer.previewing')}
        </div>
      )}
      {errorSheets && (
        <div className="import-row" data-testid="ledger-sheet-retry">
          <LedgerSheetSelect sheets={errorSheets.sheets} value={errorSheets.current ?? choices.sheet} disabled={disabled} onChange={wizard.setSheet} />
        </div>
      )}
      {error && !missing && (
        <ImportErrorView
          key={`${error.code}:${error.message}`}
          title={t('importer.previewFailed')}
          error={error}
          suggestion={suggestion}
          onConfirm={(s) => (s.kind === 'crs' ? wizard.setCrs(s.value) : wizard.setEncoding(s.value))}
        />
      )}
      {missing && (
        <div className="preview-body" data-testid="ledger-missing" data-missing={missing.missing.join(',')} title={locale === 'en' ? error?.message : error?.messageZh}>
          <p className="warn-text" role="alert">{t('importer.ledger.missing', { row: missing.headerRow ?? '?', fields: missing.missing.map((c) => ledgerFieldLabel(c, locale)).join(locale === 'en' ? ', ' : '、') })}</p>
          <ImportMappingTable {...ledgerRescueMapping(missing.layer, missing.headers, choices.map, locale, t('importer.ledger.notImported'))} disabled={disabled} onChange={wizard.setMapping} />
        </div>
      )}
      {preview && !error && (
        <div className={busy ? 'preview-body stale' : 'preview-body'} data-testid="import-preview" data-kind={'kind' in preview ? 'ledger' : 'map'}>
          {'kind' in preview ? <LedgerPreviewBody preview={preview} wizard={wizard} /> : <MapPreviewBody preview={preview} wizard={wizard} />}
        </div>
      )}
    </div>
  );
}

function MapPreviewBody({ preview, wizard }: { preview: ImportPreview; wizard: ImportWizard }) {
  const { t, i18n } = useTranslation();
  const { choices } = wizard;
  const disabled = wizard.busy !== null;
  return (
    <>
      <ImportDetection preview={preview} encoding={choices.encoding} crs={choices.crs} disabled={disabled} onEncoding={wizard.setEncoding} onCrs={wizard.setCrs} />
      <div className="preview-columns">
        <ImportMappingTable {...mapLayerMapping(preview, t, i18n.language)} disabled={disabled} onChange={wizard.setMapping} />
        <ImportValidity preview={preview} onInvalid={choices.onInvalid} disabled={disabled} onChoose={wizard.setOnInvalid} />
      </div>
      <ImportSampleTable preview={preview} />
    </>
  );
}

function LedgerPreviewBody({ preview, wizard }: { preview: LedgerPreview; wizard: ImportWizard }) {
  const { t, i18n } = useTranslation();
  const { choices } = wizard;
  const disabled = wizard.busy !== null;
  return (
    <>
      <LedgerDetection preview={preview} encoding={choices.encoding} disabled={disabled} onEncoding={wizard.setEncoding} onSheet={wizard.setSheet} />
      <div className="preview-columns">
        <ImportMappingTable {...ledgerMapping(preview, currentLocale(i18n), t('importer.ledger.notImported'))} disabled={disabled} onChange={wizard.setMapping} />
        <LedgerChecks preview={preview} onInvalid={choices.onInvalid} disabled={disabled} onChoose={wizard.setOnInvalid} />
      </div>
      <LedgerSampleTable preview={preview} />
    </>
  );
}
