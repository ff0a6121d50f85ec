import { ATTRIBUTE_COLUMNS, MU_COLUMN, type AttributeSort } from '../../../shared/api/attribute-table.js';
import type { LayerFilter } from '../../../shared/api/layer-filter.js';
import type { LayerId } from '../../../shared/api/layers.js';
import { filterSql } from '../export/select.js';

/** What narrows and orders a layer's table (the contract's query without paging). */
export interface TableQuery {
  layer: LayerId;
  filter?: LayerFilter | undefined;
  text?: string | undefined;
  sort?: AttributeSort | undefined;
}

export interface SqlPart {
  sql: string;
  params: (string | number)[];
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The search terms of a text filter: NFC, split on white space, blanks dropped. */
export function textTerms(text: string | undefined): string[] {
  return (text ?? '').normalize('NFC').trim().split(/\s+/u).filter((t) => t !== '');
}

/**
 * The layer's text and date columns joined with a tab (no term contains one: terms are split on
 * white space), so a term is looked for with one LIKE per row instead of one per column.
 */
function searchable(layer: LayerId): string {
  const cols = ATTRIBUTE_COLUMNS[layer].filter((c) => c.kind !== 'number');
  return cols.map((c) => `coalesce(t."${c.key}", '')`).join(` || char(9) || `);
}

/**
 * WHERE for the table's query on alias `t`: the shared LayerFilter (the export's SQL, so the table,
 * the map filter and an export of "the filtered features" agree) and every text term contained in
 * some text column (LIKE: case-insensitive for Latin letters, exact for Chinese).
 */
export function whereSql(q: TableQuery): SqlPart {
  const filter = filterSql(q.layer, q.filter);
  const clauses = [filter.where];
  const params = [...filter.params];
  const terms = textTerms(q.text);
  if (terms.length > 0) {
    const haystack = searchable(q.layer);
    for (const term of terms) {
      clauses.push(`(${haystack}) LIKE ? ESCAPE '\\'`);
      params.push(`%${escapeLike(term)}%`);
    }
  }
  return { sql: clauses.join(' AND '), params };
}

/** The SQL column a sort key orders by: mu is area_m2 (a constant factor keeps the order). */
export function sortColumn(key: string): string {
  return key === MU_COLUMN ? 'area_m2' : key;
}

/**
 * ORDER BY for alias `t`: the column, then fid in the same direction, so every row has one place
 * (SQLite puts NULL first ascending, last descending). No sort: fid ascending.
 */
export function orderSql(sort: AttributeSort | undefined): string {
  if (!sort) return 't.fid ASC';
  const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
  return `t."${sortColumn(sort.column)}" ${dir}, t.fid ${dir}`;
}

/** The SELECT list of a layer's table columns on alias `t` (mu computed from the unrounded m²). */
export function selectList(layer: LayerId): string {
  return ATTRIBUTE_COLUMNS[layer]
    .map((c) => (c.key === MU_COLUMN ? `t."area_m2" * 15.0 / 10000.0 AS "${MU_COLUMN}"` : `t."${c.key}" AS "${c.key}"`))
    .join(', ');
}
