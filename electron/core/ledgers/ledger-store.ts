import type Database from 'better-sqlite3';
import { LEDGER_COLUMNS, LEDGER_KEY, type LedgerColumn, type LedgerLayerId, type LedgerValue } from '../../../shared/domain/ledger-mapping.js';

export type LedgerValues = Partial<Record<LedgerColumn, LedgerValue>>;

export interface ExistingRecord {
  fid: number;
  values: LedgerValues;
}

/** A validated row ready to be written: `values` holds the columns the file fills (null = blank cell). */
export interface PreparedRow {
  row: number;
  key: string;
  values: LedgerValues;
}

/** The ledger's records by key (parcel code for transfers, project code for factories). */
export function existingRecords(db: Database.Database, layer: LedgerLayerId): Map<string, ExistingRecord[]> {
  const cols = LEDGER_COLUMNS[layer];
  const out = new Map<string, ExistingRecord[]>();
  const rows = db.prepare(`SELECT fid, ${cols.map((c) => `"${c}"`).join(', ')} FROM "${layer}"`).all() as Record<string, LedgerValue>[];
  for (const r of rows) {
    const key = r[LEDGER_KEY[layer]];
    if (typeof key !== 'string') continue;
    const values: LedgerValues = {};
    for (const c of cols) values[c] = r[c] ?? null;
    const list = out.get(key) ?? [];
    list.push({ fid: Number(r['fid']), values });
    out.set(key, list);
  }
  return out;
}

export interface ParcelRef {
  code: string;
  town: string | null;
}

/** Parcel codes of the parcels layer, exact and in a forgiving form (full-width, case, spaces). */
export class ParcelCodes {
  private readonly exact = new Map<string, ParcelRef>();
  private readonly loose = new Map<string, ParcelRef | null>();

  constructor(db: Database.Database) {
    const rows = db.prepare('SELECT code, town FROM parcels WHERE code IS NOT NULL ORDER BY fid').all() as ParcelRef[];
    for (const r of rows) {
      if (!this.exact.has(r.code)) this.exact.set(r.code, r);
      const k = ParcelCodes.looseKey(r.code);
      const prior = this.loose.get(k);
      // Two codes that differ only in case or width: a loose match would be a guess.
      this.loose.set(k, prior === undefined || prior?.code === r.code ? r : null);
    }
  }

  static looseKey(code: string): string {
    return code.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  }

  get size(): number {
    return this.exact.size;
  }

  /** The parcel a ledger code names; `loose` says it matched only after normalising. */
  find(code: string): { ref: ParcelRef; loose: boolean } | null {
    const hit = this.exact.get(code);
    if (hit) return { ref: hit, loose: false };
    const l = this.loose.get(ParcelCodes.looseKey(code));
    return l ? { ref: l, loose: true } : null;
  }
}

const same = (a: LedgerValue | undefined, b: LedgerValue | undefined): boolean => (a ?? null) === (b ?? null);

/**
 * Writes validated rows: a key already in the ledger updates that record (only the columns the
 * row fills; others keep their values), a new key inserts one. Call inside the import's transaction.
 */
export function writeLedgerRows(
  db: Database.Database,
  layer: LedgerLayerId,
  rows: readonly PreparedRow[],
  existing: ReadonlyMap<string, readonly ExistingRecord[]>,
): { inserted: number; updated: number; unchanged: number } {
  const all = LEDGER_COLUMNS[layer];
  const insert = db.prepare(`INSERT INTO "${layer}" (${all.map((c) => `"${c}"`).join(', ')}) VALUES (${all.map((c) => `@${c}`).join(', ')})`);
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  for (const r of rows) {
    const prior = existing.get(r.key)?.[0];
    if (!prior) {
      const params: Record<string, LedgerValue> = {};
      for (const c of all) params[c] = r.values[c] ?? null;
      insert.run(params);
      inserted++;
      continue;
    }
    const changed = all.filter((c) => c in r.values && !same(prior.values[c], r.values[c]));
    if (changed.length === 0) {
      unchanged++;
      continue;
    }
    const params: Record<string, LedgerValue | number> = { fid: prior.fid };
    for (const c of changed) params[c] = r.values[c] ?? null;
    db.prepare(`UPDATE "${layer}" SET ${changed.map((c) => `"${c}" = @${c}`).join(', ')} WHERE fid = @fid`).run(params);
    updated++;
  }
  return { inserted, updated, unchanged };
}
