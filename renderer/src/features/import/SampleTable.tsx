import type { ThHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { PropertyValue } from '../../../../shared/api/geojson.js';

/** Attributes a column's header cell may carry besides its text. */
export type SampleHeadAttributes = ThHTMLAttributes<HTMLTableCellElement> & { 'data-column'?: string };

export interface SampleTableProps {
  title: string;
  columns: readonly string[];
  rows: readonly Readonly<Record<string, PropertyValue>>[];
  heading: (column: string) => string;
  headAttributes: (column: string) => SampleHeadAttributes;
  valueText: (value: PropertyValue | undefined, column: string) => string;
}

const SHOWN = 5;

/** The first rows of an import as they will be stored (features or ledger rows): numbers right-aligned. */
export function SampleTable({ title, columns, rows, heading, headAttributes, valueText }: SampleTableProps) {
  const { t } = useTranslation();
  return (
    <section className="import-section">
      <h3 className="section-title">{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('importer.noSample')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table sample-table">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} {...headAttributes(c)}>
                    {heading(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, SHOWN).map((row, i) => (
                <tr key={i} data-testid="import-sample-row">
                  {columns.map((c) => (
                    <td key={c} className={typeof row[c] === 'number' ? 'num' : ''}>
                      {valueText(row[c], c)}
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
