import { useTranslation } from 'react-i18next';
import type { LedgerPreview } from '../../../../shared/api/import.js';
import { currentLocale } from '../../i18n/i18n.js';
import { ledgerFieldLabel, ledgerSampleColumns, ledgerValueText } from './ledger-view.js';
import { SampleTable } from './SampleTable.js';

/** The first importable rows as they will be stored: decoded text, ISO dates, areas converted to m². */
export function LedgerSampleTable({ preview }: { preview: LedgerPreview }) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  const columns = ledgerSampleColumns(preview);
  return (
    <SampleTable
      title={t('importer.ledger.sample')}
      columns={columns}
      rows={preview.sampleRows}
      heading={(c) => ledgerFieldLabel(c, locale)}
      headAttributes={(c) => ({ 'data-column': c })}
      valueText={(value, c) => ledgerValueText(value, c, locale)}
    />
  );
}
