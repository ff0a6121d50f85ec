import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ATTRIBUTE_COLUMNS } from '../../shared/api/attribute-table.js';
import { AttributeTable } from '../../electron/core/attribute-table/attribute-table.js';
import { exportTableFile } from '../../electron/core/attribute-table/export-table.js';
import { Project } from '../../electron/core/project/project.js';
import { cachedInput } from './edit-tally.bench.js';
import { medianMs, type Bench } from './harness.js';

const PAGE = 100;
const SCROLL_STEPS = 60;
const COLD_RUNS = 3;

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Wall time (ms) of one call. */
function timeMs(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/**
 * The attribute table on the 100,000-parcel project (the committed generator's, cached): the
 * first page of an order (one ORDER BY over the layer, per column), a scroll step (a page of an
 * order already read), finding a feature's row, a text filter, and the export of every row. Peer:
 * paging with SQL LIMIT/OFFSET alone, what each scroll step would cost without the ordered fids.
 */
export const attributeTableBench: Bench = {
  name: 'attribute-table',
  description: 'attribute table at 100k parcels: first page per sort, scroll page, locate, text filter, export',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landplanner-bench-table-'));
    const file = path.join(dir, 'bench.gpkg');
    fs.copyFileSync(cachedInput(), file);
    const project = Project.open(file);
    try {
      const db = project.db;
      const total = db.prepare('SELECT count(*) FROM parcels').pluck().get() as number;
      const figures: Record<string, number> = { parcels: total };
      const peers: Record<string, number> = {};
      const ratios: Record<string, number> = {};

      // First page of an order: a fresh table each run (nothing cached).
      for (const column of ['code', 'area_m2', 'owner', 'completed_on']) {
        figures[`first_page_ms_${column}`] = median(
          Array.from({ length: COLD_RUNS }, () => timeMs(() => new AttributeTable(db).rows({ layer: 'parcels', sort: { column, dir: 'desc' }, offset: 0, limit: PAGE }))),
        );
      }
      const table = new AttributeTable(db);
      const sort = { column: 'area_m2', dir: 'desc' as const };
      table.rows({ layer: 'parcels', sort, offset: 0, limit: PAGE });
      const offsets = Array.from({ length: SCROLL_STEPS }, (_, i) => Math.floor(((i * 7919) % SCROLL_STEPS) * (total / SCROLL_STEPS)));
      figures['scroll_page_ms'] = median(offsets.map((offset) => timeMs(() => table.rows({ layer: 'parcels', sort, offset, limit: PAGE }))));
      const fid = db.prepare('SELECT fid FROM parcels ORDER BY random() LIMIT 1').pluck().get() as number;
      figures['locate_ms'] = await medianMs(5, () => table.rows({ layer: 'parcels', sort, offset: 0, limit: 0, locate: fid }));
      figures['filter_status_first_page_ms'] = median(
        Array.from({ length: COLD_RUNS }, () => timeMs(() => new AttributeTable(db).rows({ layer: 'parcels', filter: { status: ['已完成'] }, sort, offset: 0, limit: PAGE }))),
      );
      figures['text_filter_first_page_ms'] = median(
        Array.from({ length: COLD_RUNS }, () => timeMs(() => new AttributeTable(db).rows({ layer: 'parcels', text: '五金', offset: 0, limit: PAGE }))),
      );

      const now = new Date();
      const query = { layer: 'parcels' as const, sort };
      let t0 = performance.now();
      const rows = table.allRows(query);
      await exportTableFile(query, rows, 'csv', { isSample: false, now });
      figures['export_csv_s_100k'] = (performance.now() - t0) / 1000;
      t0 = performance.now();
      await exportTableFile(query, table.allRows(query), 'xlsx', { isSample: false, now });
      figures['export_xlsx_s_100k'] = (performance.now() - t0) / 1000;

      // Peer: the page straight from SQL with OFFSET (every scroll step sorts/walks up to the offset).
      const cols = ATTRIBUTE_COLUMNS.parcels.filter((c) => c.key !== 'mu').map((c) => `"${c.key}"`).join(', ');
      const offsetPage = db.prepare(`SELECT fid, ${cols} FROM parcels ORDER BY area_m2 DESC, fid DESC LIMIT ? OFFSET ?`);
      peers['sql_offset_page_ms'] = median(offsets.slice(0, 9).map((offset) => timeMs(() => offsetPage.all(PAGE, offset))));
      ratios['sql_offset_vs_scroll_page'] = (peers['sql_offset_page_ms'] ?? NaN) / (figures['scroll_page_ms'] ?? NaN);
      return {
        figures,
        peers,
        ratios,
        notes: [
          `one order per (filter, text, sort) read by SQL ORDER BY over the layer, pages by primary key; ${PAGE} rows a page`,
          'first_page_* are cold (a new table each run, median of 3); scroll_page_ms is the median of 60 pages at offsets across the order',
          `load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs (the machine is shared: absolute times vary)`,
        ],
      };
    } finally {
      project.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
