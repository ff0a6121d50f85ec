import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../../shared/api/import.js';
import { currentLocale } from '../../i18n/i18n.js';
import { formatCount, formatM2, formatMu } from '../../i18n/format.js';
import { CrsSelect } from './CrsSelect.js';
import { EncodingSelect } from './EncodingSelect.js';
import { crsEvidenceText, encodingSourceText } from './evidence-text.js';
import { crsChoice, epsgOf } from './import-options.js';

export interface ImportDetectionProps {
  preview: ImportPreview;
  encoding: string;
  crs: string;
  disabled: boolean;
  onEncoding: (value: string) => void;
  onCrs: (value: string) => void;
}

/** What was decided about the file, each with its evidence and an override: encoding, CRS, counts and area. */
export function ImportDetection({ preview, encoding, crs, disabled, onEncoding, onCrs }: ImportDetectionProps) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  const decided = epsgOf(preview.crs);
  const crsName = decided !== null ? crsChoice(decided) : null;
  const invalid = preview.invalid.length;
  return (
    <div className="detect-grid">
      <section className="detect-card">
        <h3 className="detect-title">{t('importer.encoding')}</h3>
        <div className="detect-value">
          {preview.encoding ? (
            <span className="encoding-name" data-testid="import-encoding" data-encoding={preview.encoding}>
              {preview.encoding}
            </span>
          ) : (
            <span className="muted" data-testid="import-encoding" data-encoding="">
              —
            </span>
          )}
        </div>
        <div className="detect-evidence" data-testid="import-encoding-source" title={preview.encodingEvidence ?? undefined}>
          {encodingSourceText(preview.encodingSource, preview.encodingEvidence, locale)}
        </div>
        {preview.encodingSource !== null && (
          <div className="detect-override">
            <EncodingSelect value={encoding} allowAuto disabled={disabled} onChange={onEncoding} />
          </div>
        )}
      </section>

      <section className="detect-card">
        <h3 className="detect-title">{t('importer.crs')}</h3>
        <div className="detect-value">
          <span data-testid="import-crs">{preview.crs}</span>
          {crsName && <span className="detect-sub">{locale === 'en' ? crsName.nameEn : crsName.nameZh}</span>}
        </div>
        <div className="detect-evidence" title={preview.crsEvidence}>
          {crsEvidenceText(preview.crsEvidence, locale)}
        </div>
        <div className="detect-override">
          <CrsSelect value={crs} allowAuto extra={[decided]} disabled={disabled} onChange={onCrs} />
        </div>
      </section>

      <section className="detect-card">
        <h3 className="detect-title">{t('importer.features')}</h3>
        <div className="detect-counts">
          <span>
            <b data-testid="import-feature-count">{formatCount(preview.features, i18n.language)}</b> {t('importer.features')}
          </span>
          <span className="ok-text">
            <b data-testid="import-valid-count">{formatCount(preview.valid, i18n.language)}</b> {t('importer.valid')}
          </span>
          <span className={invalid > 0 ? 'bad-text' : 'muted'}>
            <b data-testid="import-invalid-count" data-count={invalid}>
              {formatCount(invalid, i18n.language)}
            </b>{' '}
            {t('importer.invalid')}
          </span>
        </div>
        {preview.layer !== 'transport' && (
          <>
            <div className="detect-area">
              <span className="detect-sub">{t('importer.area')}</span>
              <span>
                <b data-testid="import-area-mu" data-mu={preview.areaMu}>
                  {formatMu(preview.areaMu)}
                </b>{' '}
                {t('tally.mu')} <span className="muted">· {formatM2(preview.areaM2, i18n.language)} m²</span>
              </span>
            </div>
            {preview.areaMismatches.length > 0 && (
              <div className="detect-evidence warn-text" data-testid="import-area-mismatches" data-count={preview.areaMismatches.length}>
                {t('importer.areaMismatches', { count: preview.areaMismatches.length })}
              </div>
            )}
          </>
        )}
      </section>
    </div>
  );
}
