import { useTranslation } from 'react-i18next';
import type { PropertyValue } from '../../../../shared/api/geojson.js';
import type { ImportPreview } from '../../../../shared/api/import.js';
import { formatM2 } from '../../i18n/format.js';
import { fieldLabel, sampleColumns } from './field-labels.js';

/** A decoded value as the sample shows it; computed measures to 0.01. */
export function displayValue(value: PropertyValue | undefined, column: string, locale: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number' && (column === 'area_m2' || column === 'length_m' || column === 'stated_area_m2')) return formatM2(value, locale);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  return String(value);
}

/** The first rows as they will be stored: the proof that the encoding and the mapping are right. */
export function ImportSampleTable({ preview }: { preview: ImportPreview }) {
  const { t, i18n } = useTranslation();
  const columns = sampleColumns(preview.layer, preview.mapping);
  const heading = (c: string): string =>
    c === 'area_m2' ? t('importer.computedArea') : c === 'length_m' ? t('importer.computedLength') : fieldLabel(t, c);
  return (
    <section className="import-section">
      <h3 className="section-title">{t('importer.sample')}</h3>
      {preview.sampleRows.length === 0 ? (
        <p className="muted">{t('importer.noSample')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table sample-table">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} className={c === 'area_m2' || c === 'length_m' ? 'num' : ''}>
                    {heading(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.sampleRows.slice(0, 5).map((row, i) => (
                <tr key={i} data-testid="import-sample-row">
                  {columns.map((c) => (
                    <td key={c} className={typeof row[c] === 'number' ? 'num' : ''}>
                      {displayValue(row[c], c, i18n.language)}
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
