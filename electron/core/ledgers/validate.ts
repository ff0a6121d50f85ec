import type Database from 'better-sqlite3';
import type { LedgerInvalidRow } from '../../../shared/api/import.js';
import { LEDGER_KEY, LEDGER_LABELS, applyLedgerMapping, ledgerColumnOf, type LedgerColumn } from '../../../shared/domain/ledger-mapping.js';
import { existingRecords, ParcelCodes, type ExistingRecord, type PreparedRow } from './ledger-store.js';
import type { LedgerPlan } from './plan.js';
import type { LedgerRow, LedgerTable, LedgerWarning } from './table.js';

export interface LedgerValidation {
  accepted: PreparedRow[];
  /** rows with unreadable or missing values (action set by the caller) */
  invalid: Omit<LedgerInvalidRow, 'action'>[];
  /** rows whose parcel code is not in the parcels layer */
  unknownCodes: { row: number; code: string }[];
  /** rows not imported for either reason */
  rejectedRows: number;
  /** data rows read (without blank, total and note rows) */
  rows: number;
  warnings: LedgerWarning[];
  existing: Map<string, ExistingRecord[]>;
  parcelCodesChecked: boolean;
}

export interface ValidateHooks {
  onProgress?: (done: number, total: number) => void;
  /** throws to stop (the caller's transaction rolls back) */
  checkCancel?: () => void;
}

const TOTAL = /^(合\s*计|总\s*计|小\s*计|共\s*计|累\s*计|总数|total|subtotal|sum)/i;
const NOTE = /^(注|备注|说明|填表|制表|审核|负责人|联系人|联系电话|数据来源|单位[::])/;

function classifyKeyless(r: LedgerRow): 'total_row' | 'note_row' | null {
  const texts = Object.values(r.cells).filter((c): c is string => typeof c === 'string').map((t) => t.trim());
  if (texts.some((t) => TOTAL.test(t))) return 'total_row';
  const filled = Object.values(r.cells).filter((c) => c !== null);
  if (filled.length === 1 && texts.length === 1 && NOTE.test(texts[0] as string)) return 'note_row';
  return null;
}

class Notes {
  private readonly map = new Map<string, LedgerWarning>();
  add(code: string, message: string, messageZh: string, row: number): void {
    const w = this.map.get(code + message) ?? { code, message, messageZh, count: 0, indices: [] };
    w.count++;
    if (w.indices.length < 100) w.indices.push(row);
    this.map.set(code + message, w);
  }
  list(): LedgerWarning[] {
    return [...this.map.values()];
  }
}

/**
 * Checks every row of a ledger against the mapping and, with a project at hand (`db`), against
 * its parcel codes and existing records. Reads only: nothing is written here.
 */
export function validateLedger(db: Database.Database | null, table: LedgerTable, plan: LedgerPlan, hooks: ValidateHooks = {}): LedgerValidation {
  const layer = plan.layer;
  const keyColumn = LEDGER_KEY[layer];
  const codes = db ? new ParcelCodes(db) : null;
  const existing = db ? existingRecords(db, layer) : new Map<string, ExistingRecord[]>();
  const notes = new Notes();
  const accepted: PreparedRow[] = [];
  const invalid: LedgerValidation['invalid'] = [];
  const unknownCodes: LedgerValidation['unknownCodes'] = [];
  const firstRowOfKey = new Map<string, number>();
  let rows = 0;
  let rejectedRows = 0;

  for (const [source, target] of Object.entries(plan.mapping)) {
    const ev = plan.evidence.find((e) => e.source === source && e.target === target && e.assumption);
    if (ev) notes.add('unit_assumed', `${source}: ${ev.noteEn ?? ''}`, `${source}:${ev.noteZh ?? ''}`, table.headerRow);
  }

  table.rows.forEach((r, i) => {
    if (i % 500 === 0) {
      hooks.onProgress?.(i, table.rows.length);
      hooks.checkCancel?.();
    }
    const { values, problems } = applyLedgerMapping(layer, r.cells, plan.mapping);
    if ((values[keyColumn] ?? null) === null) {
      const kind = classifyKeyless(r);
      if (kind === 'total_row') return notes.add(kind, 'total rows (合计) were not imported', '合计行未导入', r.row);
      if (kind === 'note_row') return notes.add(kind, 'note rows (注/说明) were not imported', '注释/说明行未导入', r.row);
    }
    if (Object.values(values).every((v) => v === null || v === undefined) && problems.every((p) => p.code === 'missing_value')) {
      notes.add('blank_row', 'rows with no value in any imported column were not imported', '导入列均为空的行未导入', r.row);
      return;
    }
    rows++;
    const issues = problems.map((p) => ({ code: p.code, column: p.column, value: p.value, reason: p.reasonEn, reasonZh: p.reasonZh }));
    let unknown = false;
    let parcelTown: string | null = null;
    const parcel = values['parcel_code'];
    if (codes && typeof parcel === 'string') {
      const hit = codes.find(parcel);
      if (!hit) {
        unknown = true;
        unknownCodes.push({ row: r.row, code: parcel });
      } else {
        if (hit.loose) notes.add('code_normalised', `parcel codes matched after normalising case, width or spaces (e.g. ${parcel} → ${hit.ref.code})`, `地块编号经统一大小写、全半角或空格后匹配(如 ${parcel} → ${hit.ref.code})`, r.row);
        values['parcel_code'] = hit.ref.code;
        parcelTown = hit.ref.town;
      }
    }
    const keyValue = values[keyColumn];
    const keyText = typeof keyValue === 'string' ? keyValue : null;
    // A blank town comes from the parcel; a record the file updates keeps its town if the file has no town column.
    if (parcelTown !== null && (values['town'] ?? null) === null && ('town' in values || keyText === null || !existing.has(keyText))) {
      values['town'] = parcelTown;
      notes.add('town_from_parcel', 'town taken from the parcel (not in the ledger)', '镇街取自地块图层(台账中未填写)', r.row);
    }
    if (keyText !== null) {
      const first = firstRowOfKey.get(keyText);
      const label = LEDGER_LABELS[keyColumn];
      const source = Object.keys(plan.mapping).find((s) => ledgerColumnOf(plan.mapping[s] as LedgerColumn) === keyColumn) ?? null;
      if (first !== undefined) {
        issues.push({ code: 'duplicate_key', column: source, value: keyText, reason: `the ${label.en} ${keyText} is already in row ${first}`, reasonZh: `${label.zh}“${keyText}”与第 ${first} 行重复` });
      } else firstRowOfKey.set(keyText, r.row);
      const prior = existing.get(keyText);
      if (prior && prior.length > 1) {
        issues.push({ code: 'ambiguous_key', column: source, value: keyText, reason: `the project already has ${prior.length} records with the ${label.en} ${keyText}; which to update is unclear`, reasonZh: `项目中已有 ${prior.length} 条${label.zh}为“${keyText}”的记录,无法确定更新哪一条` });
      }
    }
    if (issues.length > 0) invalid.push({ row: r.row, key: keyText, issues });
    if (issues.length > 0 || unknown) {
      rejectedRows++;
      return;
    }
    accepted.push({ row: r.row, key: keyText as string, values });
  });
  hooks.onProgress?.(table.rows.length, table.rows.length);
  if (db && codes && codes.size === 0 && unknownCodes.length > 0) {
    notes.add('no_parcels', 'the project has no parcels yet: import the parcels layer first', '项目中还没有地块,请先导入地块图层', table.headerRow);
  }
  return { accepted, invalid, unknownCodes, rejectedRows, rows, warnings: [...table.warnings, ...notes.list()], existing, parcelCodesChecked: codes !== null };
}
