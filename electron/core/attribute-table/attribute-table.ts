import type Database from 'better-sqlite3';
import { ATTRIBUTE_COLUMNS, type AttributeRow, type AttributeRows } from '../../../shared/api/attribute-table.js';
import type { BBox, PropertyValue } from '../../../shared/api/geojson.js';
import { PlannerError } from '../../../shared/api/errors.js';
import { orderSql, selectList, whereSql, type TableQuery } from './table-sql.js';

/** A page request as the handler receives it (schema defaults applied). */
export interface PageRequest extends TableQuery {
  offset: number;
  limit: number;
  locate?: number | undefined;
}

interface Ordered {
  /** The fids passing the filter, in the table's order. */
  fids: Int32Array;
  /** The database state they were read at (see `stamp`). */
  stamp: string;
}

/** Orders kept (a sort or filter toggled back is answered at once). */
const CACHE_ENTRIES = 6;
/** Rows read per statement by the export. */
const EXPORT_CHUNK = 5000;

type RawRow = Record<string, unknown> & { fid: number; minx?: number | null; miny?: number | null; maxx?: number | null; maxy?: number | null };

/**
 * The attribute table's rows, a page at a time. One SQL query per (layer, filter, text, sort)
 * orders the fids of every matching row (ORDER BY the column, then fid); pages are slices of that
 * order, their rows read by primary key. OFFSET in SQL would walk (and, for a column without an
 * index, sort) every row before the page on every scroll step: 1.5 s at offset 50,000 of 100,000
 * parcels. The order is read again once the project changed: an edit on this connection
 * (total_changes) or a commit by another one, e.g. an import worker (PRAGMA data_version).
 */
export class AttributeTable {
  private readonly cache = new Map<string, Ordered>();

  constructor(private readonly db: Database.Database) {}

  rows(req: PageRequest): AttributeRows {
    const ordered = this.ordered(req);
    const total = ordered.fids.length;
    const offset = Math.min(req.offset, total);
    const page = ordered.fids.subarray(offset, Math.min(total, offset + req.limit));
    const rows = this.read(req.layer, page);
    const out: AttributeRows = { total, offset, rows };
    if (req.locate !== undefined) {
      const i = ordered.fids.indexOf(req.locate);
      out.rowIndex = i < 0 ? null : i;
    }
    return out;
  }

  /**
   * Every matching row in the table's order (the export): the same order as the pages, rows read
   * by primary key in chunks (a sort carrying every column of 100,000 rows is several times slower).
   */
  allRows(q: TableQuery): AttributeRow[] {
    const { fids } = this.ordered(q);
    const rows: AttributeRow[] = [];
    for (let i = 0; i < fids.length; i += EXPORT_CHUNK) {
      for (const row of this.read(q.layer, fids.subarray(i, i + EXPORT_CHUNK), false)) rows.push(row);
    }
    return rows;
  }

  private ordered(q: TableQuery): Ordered {
    checkSort(q);
    const key = JSON.stringify([q.layer, q.filter ?? null, q.text?.normalize('NFC').trim() ?? '', q.sort ?? null]);
    const stamp = this.stamp();
    const hit = this.cache.get(key);
    if (hit && hit.stamp === stamp) {
      // Re-inserted: Map order is the least-recently-used order.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const where = whereSql(q);
    const fids = this.db
      .prepare(`SELECT t.fid FROM "${q.layer}" t WHERE ${where.sql} ORDER BY ${orderSql(q.sort)}`)
      .pluck()
      .all(...where.params) as number[];
    const entry: Ordered = { fids: Int32Array.from(fids), stamp };
    this.cache.delete(key);
    this.cache.set(key, entry);
    while (this.cache.size > CACHE_ENTRIES) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return entry;
  }

  /** Changes on this connection and commits by others: equal stamps, same data. */
  private stamp(): string {
    const changes = this.db.prepare('SELECT total_changes()').pluck().get() as number;
    const version = this.db.pragma('data_version', { simple: true }) as number;
    return `${version}:${changes}`;
  }

  /** Rows by fid in the given order (json_each drives primary-key lookups), with their boxes when `boxes`. */
  private read(layer: TableQuery['layer'], fids: Int32Array, boxes = true): AttributeRow[] {
    if (fids.length === 0) return [];
    const keys = ATTRIBUTE_COLUMNS[layer].map((c) => c.key);
    const box = boxes ? ', r.minx AS minx, r.miny AS miny, r.maxx AS maxx, r.maxy AS maxy' : '';
    const join = boxes ? ` LEFT JOIN "rtree_${layer}_geom" r ON r.id = t.fid` : '';
    const raws = this.db
      .prepare(`SELECT t.fid AS fid, ${selectList(layer)}${box} FROM json_each(?) j JOIN "${layer}" t ON t.fid = j.value${join} ORDER BY j.key`)
      .all(JSON.stringify(Array.from(fids))) as RawRow[];
    return raws.map((r) => ({ fid: r.fid, bbox: boxOf(r), values: keys.map((k) => value(r[k])) }));
  }
}

function boxOf({ minx, miny, maxx, maxy }: RawRow): BBox | null {
  return typeof minx === 'number' && typeof miny === 'number' && typeof maxx === 'number' && typeof maxy === 'number' ? [minx, miny, maxx, maxy] : null;
}

function value(v: unknown): PropertyValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}

/** The contract checks the sort column; a direct caller gets the same refusal instead of SQL built from it. */
function checkSort(q: TableQuery): void {
  if (q.sort && !ATTRIBUTE_COLUMNS[q.layer].some((c) => c.key === q.sort?.column)) {
    throw new PlannerError('invalid_sort_column', `${q.layer} has no column ${q.sort.column} to sort by.`, `图层 ${q.layer} 没有可排序的字段 ${q.sort.column}。`, {
      layer: q.layer,
      column: q.sort.column,
    });
  }
}
