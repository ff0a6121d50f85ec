import type { TFunction } from 'i18next';
import type { ImportPreview, LedgerLayer, LedgerPreview } from '../../../../shared/api/import.js';
import { mergeLedgerOverrides, suggestLedgerMapping } from '../../../../shared/domain/ledger-mapping.js';
import type { Locale } from '../../../../shared/api/settings.js';
import { columnOf, fieldLabel } from './field-labels.js';
import { mappingTargets } from './import-options.js';
import { displayValue } from './ImportSampleTable.js';
import { ledgerColumn, ledgerFieldLabel, ledgerValueText } from './ledger-view.js';
import type { ImportMappingTableProps, MappingRow } from './ImportMappingTable.js';

type TableModel = Pick<ImportMappingTableProps, 'rows' | 'targets' | 'notImported'>;

/** A shapefile's or GeoJSON's attributes in the mapping table. */
export function mapLayerMapping(preview: ImportPreview, t: TFunction, language: string): TableModel {
  const first = preview.sampleRows[0];
  const rows: MappingRow[] = preview.fields.map((source) => {
    const target = preview.mapping[source] ?? '';
    const sample = target && first ? first[columnOf(target)] : undefined;
    return { source, target, sample: sample === undefined ? '' : displayValue(sample, columnOf(target), language) };
  });
  return { rows, targets: mappingTargets(preview.layer).map((value) => ({ value, label: fieldLabel(t, value) })) };
}

/**
 * A ledger's columns in the mapping table: the sample is the first importable row as stored (a
 * column in 亩 shows its m²), and the core's note on a unit, flagged when the header gave none.
 */
export function ledgerMapping(preview: LedgerPreview, locale: Locale, notImported: string): TableModel {
  const first = preview.sampleRows[0];
  const rows: MappingRow[] = preview.fields.map((source) => {
    const target = preview.mapping[source] ?? '';
    const column = target ? ledgerColumn(target) : '';
    // The note on the target the core chose, or why it left a known header out (序号 is a row number).
    const ev = preview.evidence.find((e) => e.source === source && (e.target ?? '') === target);
    const text = ev ? (locale === 'en' ? ev.noteEn : ev.noteZh) : undefined;
    return {
      source,
      target,
      sample: column && first ? ledgerValueText(first[column], column, locale) : '',
      note: text ? { text, assumed: ev?.assumption === true } : null,
    };
  });
  return { rows, targets: mappingTargets(preview.layer).map((value) => ({ value, label: ledgerFieldLabel(value, locale) })), notImported };
}

/**
 * The table while the core cannot preview because a required column is not recognised: the
 * spreadsheet's headers (from the error's details) with the mapping the core would have proposed
 * (the same shared rules) and the user's choices on top, so the missing column can be mapped.
 */
export function ledgerRescueMapping(layer: LedgerLayer, headers: readonly string[], map: Readonly<Record<string, string | null>>, locale: Locale, notImported: string): TableModel {
  const { mapping } = mergeLedgerOverrides(layer, suggestLedgerMapping(layer, headers).mapping, map, headers);
  const rows: MappingRow[] = headers.map((source) => ({ source, target: mapping[source] ?? '', sample: '' }));
  return { rows, targets: mappingTargets(layer).map((value) => ({ value, label: ledgerFieldLabel(value, locale) })), notImported };
}
