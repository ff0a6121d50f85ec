import type Database from 'better-sqlite3';
import type { SearchHit } from '../../../shared/api/edit.js';

/**
 * Parcel search by code, owner, town or address with Chinese substring matching.
 *
 * Terms of 3 characters or more go through the FTS5 `trigram` index (schema v3, `parcels_fts`):
 * any substring of ≥ 3 characters, case-insensitive for Latin letters. Trigrams cannot match
 * shorter strings, so terms of 1–2 characters (东城, 五金, a code fragment) fall back to LIKE
 * '%term%' over the same four columns. Several terms separated by spaces must all match. Order:
 * the exact code first, then codes starting with the query, then FTS rank (bm25), then code.
 */
export const SEARCH_COLUMNS = ['code', 'owner', 'town', 'address'] as const;

/** Code points, not UTF-16 units: 东城 is 2 characters, as the trigram tokenizer counts. */
const charCount = (s: string): number => [...s].length;

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const ftsPhrase = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/**
 * Brings the FTS index up to date with the parcels changed since the last search: triggers queue
 * the changed fids in parcels_search_pending (any SQLite can run them, with or without FTS5).
 * Returns the number of queued rows it processed.
 */
export function syncSearchIndex(db: Database.Database): number {
  const pending = db.prepare('SELECT count(*) FROM parcels_search_pending').pluck().get() as number;
  if (pending === 0) return 0;
  db.transaction(() => {
    db.exec(`
      DELETE FROM parcels_fts WHERE rowid IN (SELECT fid FROM parcels_search_pending);
      INSERT INTO parcels_fts (rowid, code, owner, town, address)
        SELECT p.fid, p.code, p.owner, p.town, p.address FROM parcels p JOIN parcels_search_pending q ON q.fid = p.fid;
      DELETE FROM parcels_search_pending;
    `);
  })();
  return pending;
}

interface HitRow {
  fid: number;
  code: string | null;
  owner: string | null;
  town: string | null;
  address: string | null;
  status: string | null;
  minx: number | null;
  miny: number | null;
  maxx: number | null;
  maxy: number | null;
}

export function searchParcels(db: Database.Database, query: string, limit: number): SearchHit[] {
  const q = query.normalize('NFC').trim();
  if (q === '') return [];
  syncSearchIndex(db);
  const terms = q.split(/\s+/u);
  const long = terms.filter((t) => charCount(t) >= 3);
  const short = terms.filter((t) => charCount(t) < 3);
  const params: unknown[] = [];
  let from = 'parcels p';
  const where: string[] = [];
  if (long.length > 0) {
    from = 'parcels_fts f JOIN parcels p ON p.fid = f.rowid';
    where.push('parcels_fts MATCH ?');
    params.push(long.map(ftsPhrase).join(' AND '));
  }
  for (const t of short) {
    where.push(`(${SEARCH_COLUMNS.map((c) => `p."${c}" LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    const pattern = `%${escapeLike(t)}%`;
    params.push(...SEARCH_COLUMNS.map(() => pattern));
  }
  const order = ["(p.code = ? COLLATE NOCASE) DESC", "(p.code LIKE ? ESCAPE '\\') DESC", ...(long.length > 0 ? ['f.rank'] : []), 'p.code', 'p.fid'];
  params.push(q, `${escapeLike(q)}%`, limit);
  const rows = db
    .prepare(
      `SELECT p.fid, p.code, p.owner, p.town, p.address, p.status, r.minx, r.miny, r.maxx, r.maxy
       FROM ${from} LEFT JOIN rtree_parcels_geom r ON r.id = p.fid
       WHERE ${where.join(' AND ')}
       ORDER BY ${order.join(', ')}
       LIMIT ?`,
    )
    .all(...params) as HitRow[];
  return rows.map((r) => ({
    fid: r.fid,
    code: r.code,
    owner: r.owner,
    town: r.town,
    address: r.address,
    status: r.status,
    bbox: r.minx === null || r.miny === null || r.maxx === null || r.maxy === null ? null : [r.minx, r.miny, r.maxx, r.maxy],
  }));
}
