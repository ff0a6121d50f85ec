import { useTranslation } from 'react-i18next';
import type { PropertyValue } from '../../../../shared/api/geojson.js';
import type { ImportPreview } from '../../../../shared/api/import.js';
import { formatM2 } from '../../i18n/format.js';
import { fieldLabel, sampleColumns } from './field-labels.js';
import { SampleTable } from './SampleTable.js';

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
    <SampleTable
      title={t('importer.sample')}
      columns={columns}
      rows={preview.sampleRows}
      heading={heading}
      headAttributes={(c) => ({ className: c === 'area_m2' || c === 'length_m' ? 'num' : '' })}
      valueText={(value, c) => displayValue(value, c, i18n.language)}
    />
  );
}
