import type Database from 'better-sqlite3';
import { PlannerError } from '../../../shared/api/errors.js';
import { fieldKey, mappingSignature } from '../../../shared/domain/field-mapping.js';
import {
  LEDGER_LABELS,
  ledgerTargets,
  mergeLedgerOverrides,
  missingRequired,
  suggestLedgerMapping,
  type LedgerEvidence,
  type LedgerLayerId,
  type LedgerTarget,
} from '../../../shared/domain/ledger-mapping.js';
import type { LedgerTable } from './table.js';

export interface LedgerImportOptions {
  layer: LedgerLayerId;
  encoding?: string | null;
  /** .xlsx: the worksheet to read, by name (else the one whose header is recognised best). */
  sheet?: string | null;
  /** SRC=field choices on top of the recognised/remembered mapping ('' or null unmaps). */
  map?: Record<string, string | null>;
  /** 'repair' exists for geometries only and is refused for ledgers. */
  onInvalid?: 'reject' | 'skip' | 'repair';
}

export interface LedgerPlan {
  layer: LedgerLayerId;
  mapping: Record<string, LedgerTarget>;
  mappingSource: 'remembered' | 'recognised';
  unmapped: string[];
  evidence: LedgerEvidence[];
  signature: string;
}

/** The user may type a header as Excel shows it ("出让面积(亩)" for "出让面积\n(亩)"): match loosely. */
function resolveOverrides(table: LedgerTable, map: Readonly<Record<string, string | null>>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [source, target] of Object.entries(map)) {
    const match = table.headers.includes(source) ? source : table.headers.find((h) => fieldKey(h) === fieldKey(source));
    out[match ?? source] = target;
  }
  return out;
}

/**
 * Decides the field mapping of a ledger: remembered for this header set, else recognised, then the
 * user's overrides. Throws a specific error for an undecided encoding, a bad override or a
 * missing required column (naming the headers found, so the user can map one).
 */
export function planLedgerImport(db: Database.Database | null, table: LedgerTable, opts: LedgerImportOptions): LedgerPlan {
  const file = table.file;
  if (opts.onInvalid === 'repair') {
    throw new PlannerError('invalid_option', `${file}: ledger rows cannot be repaired; choose reject or skip (--on-invalid skip).`, `${file}:台账行无法自动修复,请选择拒绝或跳过(--on-invalid skip)。`, { file });
  }
  const enc = table.encoding;
  if (enc && enc.source === 'ask') {
    const c = (enc.candidates ?? [enc.encoding]).join(', ');
    throw new PlannerError(
      'encoding_undecided',
      `${file}: the text encoding cannot be decided (${enc.evidence}); choose one of ${c}, e.g. --encoding GBK.`,
      `${file}:无法确定文字编码(${enc.evidenceZh}),请在 ${c} 中选择,例如 --encoding GBK。`,
      { file, decision: enc },
    );
  }
  const signature = mappingSignature(table.headers.map((name) => ({ name })));
  const remembered = db
    ? (db.prepare('SELECT mapping_json FROM import_mappings WHERE signature = ? AND layer = ?').pluck().get(signature, opts.layer) as string | undefined)
    : undefined;
  const suggested = suggestLedgerMapping(opts.layer, table.headers);
  const base = remembered ? (JSON.parse(remembered) as Record<string, LedgerTarget>) : suggested.mapping;
  const merged = mergeLedgerOverrides(opts.layer, base, resolveOverrides(table, opts.map ?? {}), table.headers);
  if (merged.errors.length > 0) {
    const list = merged.errors.map((e) => `${e.source}=${e.target}`).join(', ');
    throw new PlannerError(
      'invalid_mapping',
      `${file}: ${merged.errors.map((e) => e.reasonEn).join('; ')} (${list})`,
      `${file}:${merged.errors.map((e) => e.reasonZh).join(';')}(${list})`,
      { file, errors: merged.errors, sheet: table.sheet, sheets: table.sheets },
    );
  }
  const missing = missingRequired(opts.layer, merged.mapping);
  if (missing.length > 0) {
    const zh = missing.map((c) => LEDGER_LABELS[c].zh).join('、');
    const en = missing.map((c) => LEDGER_LABELS[c].en).join(', ');
    throw new PlannerError(
      'missing_required_field',
      `${file}: no column is recognised as ${en} (headers in row ${table.headerRow}: ${table.headers.join(', ')}). Map one, e.g. --map "COLUMN=${missing[0]}"; fields: ${ledgerTargets(opts.layer).join(', ')}.`,
      `${file}:没有识别出“${zh}”列(第 ${table.headerRow} 行表头:${table.headers.join('、')})。请指定对应列,例如 --map "列名=${missing[0]}"。`,
      { file, missing, headers: table.headers, headerRow: table.headerRow, sheet: table.sheet, sheets: table.sheets },
    );
  }
  const evidence = suggested.evidence.filter((e) => e.target === null || merged.mapping[e.source] === e.target);
  return {
    layer: opts.layer,
    mapping: merged.mapping,
    mappingSource: remembered ? 'remembered' : 'recognised',
    unmapped: table.headers.filter((h) => !(h in merged.mapping)),
    evidence,
    signature,
  };
}

export function rememberLedgerMapping(db: Database.Database, plan: LedgerPlan): void {
  db.prepare(
    `INSERT INTO import_mappings (signature, layer, mapping_json, updated_at) VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))
     ON CONFLICT (signature, layer) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at`,
  ).run(plan.signature, plan.layer, JSON.stringify(plan.mapping));
}
