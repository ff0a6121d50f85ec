import { PlannerError } from '../../../shared/api/errors.js';
import type { LedgerInvalidRow, LedgerPreview, LedgerReport } from '../../../shared/api/import.js';
import type { PropertyValue } from '../../../shared/api/geojson.js';
import { LEDGER_COLUMNS } from '../../../shared/domain/ledger-mapping.js';
import { m2ToMu } from '../../../shared/domain/units.js';
import type { Project } from '../project/project.js';
import { writeLedgerRows, type PreparedRow } from './ledger-store.js';
import { planLedgerImport, rememberLedgerMapping, type LedgerImportOptions, type LedgerPlan } from './plan.js';
import type { LedgerTable } from './table.js';
import { validateLedger, type LedgerValidation } from './validate.js';

export interface LedgerHooks {
  /** Called every few hundred rows with (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Polled between chunks; true aborts the import and rolls everything back. */
  shouldCancel?: () => boolean;
}

type Action = LedgerInvalidRow['action'];

function cancelled(file: string): PlannerError {
  return new PlannerError('cancelled', `Import of ${file} was cancelled; nothing was changed.`, `已取消导入 ${file},项目未作任何修改。`, { file });
}

function sums(plan: LedgerPlan, rows: readonly PreparedRow[]): Pick<LedgerReport, 'areaM2' | 'areaMu' | 'floorM2'> {
  if (plan.layer === 'transfers') {
    const areaM2 = rows.reduce((s, r) => s + ((r.values.area_m2 as number | null) ?? 0), 0);
    return { areaM2, areaMu: m2ToMu(areaM2) };
  }
  return { floorM2: rows.reduce((s, r) => s + ((r.values.floor_m2 as number | null) ?? 0), 0) };
}

function decisions(table: LedgerTable, plan: LedgerPlan, v: LedgerValidation, action: Action) {
  return {
    kind: 'ledger' as const,
    file: table.file,
    layer: plan.layer,
    format: table.format,
    sheet: table.sheet,
    sheets: table.sheets,
    sheetSource: table.sheetSource,
    headerRow: table.headerRow,
    rows: v.rows,
    encoding: table.encoding?.encoding ?? null,
    encodingSource: table.encoding?.source ?? null,
    encodingEvidence: table.encoding?.evidence ?? null,
    mapping: plan.mapping,
    ...sums(plan, v.accepted),
    invalid: v.invalid.map((x) => ({ ...x, action })),
    unknownCodes: v.unknownCodes.map((x) => ({ ...x, action })),
    warnings: v.warnings,
  };
}

const describeZh = (x: LedgerValidation['invalid'][number]): string =>
  `第 ${x.row} 行${x.issues.map((i) => `${i.column ? `“${i.column}”列` : ''}${i.value !== null ? `“${i.value}”` : ''}:${i.reasonZh}`).join(';')}`;
const describeEn = (x: LedgerValidation['invalid'][number]): string =>
  `row ${x.row}: ${x.issues.map((i) => `${i.column ? `column "${i.column}"` : ''}${i.value !== null ? ` "${i.value}"` : ''}: ${i.reason}`).join('; ')}`;

/** The all-or-nothing refusal: invalid rows first, then unknown parcel codes; details list them all. */
function rejection(table: LedgerTable, v: LedgerValidation): PlannerError | null {
  const file = table.file;
  const codes = v.unknownCodes.slice(0, 10).map((u) => `${u.code}(第 ${u.row} 行)`).join('、');
  const codesEn = v.unknownCodes.slice(0, 10).map((u) => `${u.code} (row ${u.row})`).join(', ');
  const more = (n: number) => (n > 10 ? ` …(+${n - 10})` : '');
  const details = { file, invalid: v.invalid.map((x) => ({ ...x, action: 'rejected' })), unknownCodes: v.unknownCodes.map((x) => ({ ...x, action: 'rejected' })) };
  if (v.invalid.length > 0) {
    const also = v.unknownCodes.length > 0;
    return new PlannerError(
      'invalid_rows',
      `${file}: ${v.invalid.length} row(s) cannot be read, so nothing was imported: ${v.invalid.slice(0, 5).map(describeEn).join('; ')}${v.invalid.length > 5 ? ' …' : ''}.${also ? ` Also ${v.unknownCodes.length} parcel code(s) are not in the parcels layer: ${codesEn}${more(v.unknownCodes.length)}.` : ''} Correct the file, or skip these rows (--on-invalid skip).`,
      `${file}:${v.invalid.length} 行数据有误,未导入任何数据:${v.invalid.slice(0, 5).map(describeZh).join(';')}${v.invalid.length > 5 ? '……' : ''}。${also ? `另有 ${v.unknownCodes.length} 个地块编号不在地块图层中:${codes}${more(v.unknownCodes.length)}。` : ''}请修改文件,或跳过这些行(--on-invalid skip)。`,
      details,
    );
  }
  if (v.unknownCodes.length > 0) {
    return new PlannerError(
      'unknown_parcel_codes',
      `${file}: ${v.unknownCodes.length} row(s) name parcel codes that are not in the parcels layer, so nothing was imported: ${codesEn}${more(v.unknownCodes.length)}. Correct the codes, import the parcels first, or skip these rows (--on-invalid skip).`,
      `${file}:${v.unknownCodes.length} 行的地块编号不在地块图层中,未导入任何数据:${codes}${more(v.unknownCodes.length)}。请核对编号、先导入地块,或跳过这些行(--on-invalid skip)。`,
      details,
    );
  }
  return null;
}

/**
 * Imports a ledger into `project` in ONE transaction: every row validated, parcel codes checked
 * against the parcels layer, records with a known key updated and new ones inserted. Any invalid
 * row or unknown parcel code rejects the whole file unless the user chose 'skip' (then they are
 * listed in the report); a cancel rolls everything back.
 */
export function runLedgerImport(project: Project, table: LedgerTable, plan: LedgerPlan, opts: LedgerImportOptions, hooks: LedgerHooks = {}): LedgerReport {
  const skip = opts.onInvalid === 'skip';
  const checkCancel = (): void => {
    if (hooks.shouldCancel?.()) throw cancelled(table.file);
  };
  return project.transaction(() => {
    const v = validateLedger(project.db, table, plan, { ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}), checkCancel });
    if (!skip) {
      const err = rejection(table, v);
      if (err) throw err;
    }
    if (v.accepted.length === 0) {
      throw new PlannerError('nothing_imported', `${table.file}: no row could be imported.`, `${table.file}:没有可导入的行。`, { file: table.file, invalid: v.invalid.length, unknownCodes: v.unknownCodes.length });
    }
    const written = writeLedgerRows(project.db, plan.layer, v.accepted, v.existing);
    rememberLedgerMapping(project.db, plan);
    checkCancel();
    return {
      ...decisions(table, plan, v, skip ? 'skipped' : 'rejected'),
      imported: v.accepted.length,
      ...written,
      skipped: v.rejectedRows,
    };
  });
}

/**
 * A dry run: the same reading, mapping and validation, nothing written. With `project`, its
 * remembered mapping, parcel codes and existing records are used (read only); without one the
 * parcel codes cannot be checked, which the preview says.
 */
export function checkLedger(table: LedgerTable, opts: LedgerImportOptions, project: Project | null = null, hooks: LedgerHooks = {}): LedgerPreview {
  const db = project?.db ?? null;
  const plan = planLedgerImport(db, table, opts);
  const v = validateLedger(db, table, plan, {
    ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
    checkCancel: () => {
      if (hooks.shouldCancel?.()) throw cancelled(table.file);
    },
  });
  const warnings = [...v.warnings];
  if (!db) warnings.push({ code: 'parcel_codes_not_checked', message: 'no project given: parcel codes were not checked against the parcels layer', messageZh: '未指定项目:未核对地块编号是否在地块图层中', count: 1, indices: [] });
  const sampleRows = v.accepted.slice(0, 5).map((r) => {
    const row: Record<string, PropertyValue> = {};
    for (const c of LEDGER_COLUMNS[plan.layer]) row[c] = r.values[c] ?? null;
    return row;
  });
  return {
    ...decisions(table, plan, v, 'reported'),
    warnings,
    valid: v.accepted.length,
    fields: table.headers,
    unmapped: plan.unmapped,
    evidence: plan.evidence,
    sampleRows,
    parcelCodesChecked: v.parcelCodesChecked,
  };
}

export { planLedgerImport, type LedgerImportOptions, type LedgerPlan };
