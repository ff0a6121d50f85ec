import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../../shared/api/import.js';
import { columnOf, fieldLabel } from './field-labels.js';
import { mappingTargets } from './import-options.js';
import { displayValue } from './ImportSampleTable.js';

export interface ImportMappingTableProps {
  preview: ImportPreview;
  disabled: boolean;
  onChange: (source: string, target: string | null) => void;
}

/** Source field → target field, recognised or remembered by the core; every row can be changed. */
export function ImportMappingTable({ preview, disabled, onChange }: ImportMappingTableProps) {
  const { t, i18n } = useTranslation();
  const targets = mappingTargets(preview.layer);
  const first = preview.sampleRows[0];
  return (
    <section className="import-section">
      <h3 className="section-title">
        {t('importer.mapping')}
        <span className="section-note">
          {Object.keys(preview.mapping).length} / {preview.fields.length}
        </span>
      </h3>
      <div className="table-scroll mapping-scroll">
        <table className="data-table mapping-table">
          <thead>
            <tr>
              <th>{t('importer.sourceField')}</th>
              <th>{t('importer.targetField')}</th>
              <th>{t('importer.sampleValue')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.fields.map((source) => {
              const target = preview.mapping[source] ?? '';
              const sample = target && first ? first[columnOf(target)] : undefined;
              return (
                <tr key={source} data-testid="import-mapping-row" data-source={source} data-target={target} className={target ? '' : 'unmapped'}>
                  <td className="mono">{source}</td>
                  <td>
                    <select
                      data-testid="import-mapping-select"
                      value={target}
                      disabled={disabled}
                      onChange={(e) => onChange(source, e.target.value || null)}
                    >
                      <option value="">{t('importer.notImported')}</option>
                      {targets.map((tf) => (
                        <option key={tf} value={tf}>
                          {fieldLabel(t, tf)} · {tf}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="sample-cell">{sample === undefined ? '' : displayValue(sample, columnOf(target), i18n.language)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
