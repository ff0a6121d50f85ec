import { useTranslation } from 'react-i18next';

/** One source field or column as the mapping table shows it. */
export interface MappingRow {
  source: string;
  /** The target field, or '' when the source is not imported. */
  target: string;
  /** The first row's value as it will be stored (decoded, converted). */
  sample: string;
  /** Why the core chose this target (a unit conversion), flagged when the unit was assumed. */
  note?: { text: string; assumed: boolean } | null;
}

export interface ImportMappingTableProps {
  rows: readonly MappingRow[];
  /** Every target a source may be mapped to, with its label in the interface language. */
  targets: readonly { value: string; label: string }[];
  /** The "not imported" choice's text (a ledger keeps no source attributes, a map layer does). */
  notImported?: string;
  disabled: boolean;
  onChange: (source: string, target: string | null) => void;
}

/**
 * Source field → target field, recognised or remembered by the core; every row can be changed.
 * The same table serves a shapefile's attributes and a ledger's columns.
 */
export function ImportMappingTable({ rows, targets, notImported, disabled, onChange }: ImportMappingTableProps) {
  const { t } = useTranslation();
  return (
    <section className="import-section">
      <h3 className="section-title">
        {t('importer.mapping')}
        <span className="section-note">
          {rows.filter((r) => r.target !== '').length} / {rows.length}
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
            {rows.map(({ source, target, sample, note }) => (
              <tr key={source} data-testid="import-mapping-row" data-source={source} data-target={target} className={target ? '' : 'unmapped'}>
                <td className="mono">{source}</td>
                <td>
                  <select
                    data-testid="import-mapping-select"
                    value={target}
                    disabled={disabled}
                    onChange={(e) => onChange(source, e.target.value || null)}
                  >
                    <option value="">{notImported ?? t('importer.notImported')}</option>
                    {targets.map((tf) => (
                      <option key={tf.value} value={tf.value}>
                        {tf.label} · {tf.value}
                      </option>
                    ))}
                  </select>
                  {note && (
                    <div className={note.assumed ? 'mapping-note warn-text' : 'mapping-note muted'} data-testid="import-mapping-note" data-assumed={note.assumed}>
                      {note.text}
                    </div>
                  )}
                </td>
                <td className="sample-cell">{sample}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
