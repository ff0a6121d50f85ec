import { useTranslation } from 'react-i18next';
import type { LedgerPreview } from '../../../../shared/api/import.js';
import { currentLocale } from '../../i18n/i18n.js';
import { ledgerFieldLabel, ledgerSampleColumns, ledgerValueText } from './ledger-view.js';

/** The first importable rows as they will be stored: decoded text, ISO dates, areas converted to m². */
export function LedgerSampleTable({ preview }: { preview: LedgerPreview }) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  const columns = ledgerSampleColumns(preview);
  return (
    <section className="import-section">
      <h3 className="section-title">{t('importer.ledger.sample')}</h3>
      {preview.sampleRows.length === 0 ? (
        <p className="muted">{t('importer.noSample')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table sample-table">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} data-column={c}>
                    {ledgerFieldLabel(c, locale)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.sampleRows.slice(0, 5).map((row, i) => (
                <tr key={i} data-testid="import-sample-row">
                  {columns.map((c) => (
                    <td key={c} className={typeof row[c] === 'number' ? 'num' : ''}>
                      {ledgerValueText(row[c], c, locale)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
