import { useTranslation } from 'react-i18next';
import type { LedgerPreview } from '../../../../shared/api/import.js';
import { currentLocale } from '../../i18n/i18n.js';
import { formatCount, formatM2, formatMu } from '../../i18n/format.js';
import { EncodingSelect } from './EncodingSelect.js';
import { encodingSourceText } from './evidence-text.js';
import { LedgerSheetSelect } from './LedgerSheetSelect.js';
import { ledgerSheets, problemRows } from './ledger-view.js';

export interface LedgerDetectionProps {
  preview: LedgerPreview;
  encoding: string;
  disabled: boolean;
  onEncoding: (value: string) => void;
  onSheet: (sheet: string) => void;
}

/** What was decided about a ledger: its encoding (CSV, with an override), sheet (a choice when there are several) and header, rows and totals. */
export function LedgerDetection({ preview, encoding, disabled, onEncoding, onSheet }: LedgerDetectionProps) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  const lang = i18n.language;
  const problems = problemRows(preview);
  const sheets = ledgerSheets(preview, null);
  return (
    <div className="detect-grid" data-testid="ledger-detection" data-format={preview.format}>
      <section className="detect-card">
        <h3 className="detect-title">{t('importer.ledger.encoding')}</h3>
        {preview.format === 'csv' ? (
          <>
            <div className="detect-value">
              <span className="encoding-name" data-testid="import-encoding" data-encoding={preview.encoding ?? ''}>
                {preview.encoding ?? '—'}
              </span>
            </div>
            <div className="detect-evidence" data-testid="import-encoding-source" title={preview.encodingEvidence ?? undefined}>
              {encodingSourceText(preview.encodingSource, preview.encodingEvidence, locale)}
            </div>
            <div className="detect-override">
              <EncodingSelect value={encoding} allowAuto disabled={disabled} onChange={onEncoding} />
            </div>
          </>
        ) : (
          <>
            <div className="detect-value">
              <span className="encoding-name" data-testid="import-encoding" data-encoding="">
                Unicode
              </span>
            </div>
            <div className="detect-evidence" data-testid="import-encoding-source">
              {t('importer.ledger.encodingXlsx')}
            </div>
          </>
        )}
      </section>

      <section className="detect-card">
        <h3 className="detect-title">{t('importer.ledger.table')}</h3>
        <div className="detect-value">
          <span data-testid="ledger-sheet" data-sheet={preview.sheet ?? ''}>
            {preview.sheet !== null ? `${t('importer.ledger.sheet')}“${preview.sheet}”` : t('importer.ledger.csvFile')}
          </span>
        </div>
        <div className="detect-evidence">
          <span data-testid="ledger-header-row" data-row={preview.headerRow}>
            {t('importer.ledger.headerRow', { row: preview.headerRow })}
          </span>
          {' · '}
          {t('importer.ledger.columns', { count: preview.fields.length })}
          {sheets && (
            <>
              {' · '}
              <span data-testid="ledger-sheet-source" data-source={preview.sheetSource ?? ''}>
                {preview.sheetSource === 'user' ? t('importer.ledger.sheetUser', { count: sheets.sheets.length }) : t('importer.ledger.sheetAuto', { count: sheets.sheets.length })}
              </span>
            </>
          )}
        </div>
        {sheets && (
          <div className="detect-override">
            <LedgerSheetSelect sheets={sheets.sheets} value={preview.sheet ?? ''} disabled={disabled} onChange={onSheet} />
          </div>
        )}
      </section>

      <section className="detect-card">
        <h3 className="detect-title">{t('importer.ledger.rows')}</h3>
        <div className="detect-counts">
          <span>
            <b data-testid="ledger-row-count">{formatCount(preview.rows, lang)}</b> {t('importer.ledger.rowsUnit')}
          </span>
          <span className="ok-text">
            <b data-testid="import-valid-count">{formatCount(preview.valid, lang)}</b> {t('importer.ledger.valid')}
          </span>
          <span className={problems > 0 ? 'bad-text' : 'muted'}>
            <b data-testid="import-invalid-count" data-count={problems}>
              {formatCount(problems, lang)}
            </b>{' '}
            {t('importer.ledger.problems')}
          </span>
        </div>
        {preview.areaM2 !== undefined && (
          <div className="detect-area">
            <span className="detect-sub">{t('importer.ledger.transferArea')}</span>
            <span>
              <b data-testid="import-area-mu" data-mu={preview.areaMu ?? 0}>
                {formatMu(preview.areaMu ?? 0)}
              </b>{' '}
              {t('tally.mu')} <span className="muted">· {formatM2(preview.areaM2, lang)} m²</span>
            </span>
          </div>
        )}
        {preview.floorM2 !== undefined && (
          <div className="detect-area">
            <span className="detect-sub">{t('importer.ledger.floorArea')}</span>
            <span>
              <b data-testid="ledger-floor-m2" data-m2={preview.floorM2}>
                {formatM2(preview.floorM2, lang)}
              </b>{' '}
              m²
            </span>
          </div>
        )}
      </section>
    </div>
  );
}
