import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE_COLUMNS, type AttributeRowsInput, type AttributeRows } from '../../shared/api/attribute-table.js';
import { PlannerError } from '../../shared/api/errors.js';
import { createCore, type Core } from '../../electron/core/core.js';
import { Project } from '../../electron/core/project/project.js';
import { sampleCopy } from '../fixtures/ledgers/sample-copy.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * The attribute table's paging method (attributeRows) on a copy of the sample project (3,000
 * parcels), against SQL written here and run on the project file through a second better-sqlite3
 * connection: totals, every page of an order, sorting with blanks, the layer filter keys, the
 * text filter, the row index of a feature, changes made by the edit path and by another
 * connection, and the exported CSV/Excel read back.
 */
const dir = makeTempDir('attribute-table');
let file: string;
let project: Project;
let core: Core;
let oracle: Database.Database;

beforeAll(() => {
  file = sampleCopy(dir, 'sample.gpkg');
  project = Project.open(file);
  core = createCore(project);
  oracle = new Database(file);
});
afterAll(async () => {
  oracle.close();
  await core.dispose();
  project.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const fids = (sql: string, ...params: unknown[]): number[] => oracle.prepare(sql).pluck().all(...params) as number[];
const count = (sql: string, ...params: unknown[]): number => oracle.prepare(sql).pluck().get(...params) as number;

/** Every row of a query, read page by page as the table reads them. */
async function allPages(input: Omit<AttributeRowsInput, 'offset' | 'limit'>, pageSize = 700): Promise<{ total: number; fids: number[]; pages: AttributeRows[] }> {
  const pages: AttributeRows[] = [];
  let offset = 0;
  for (;;) {
    const page = await core.attributeRows({ ...input, offset, limit: pageSize });
    pages.push(page);
    offset += page.rows.length;
    if (page.rows.length < pageSize) return { total: page.total, fids: pages.flatMap((p) => p.rows.map((r) => r.fid)), pages };
  }
}

const col = (layer: keyof typeof ATTRIBUTE_COLUMNS, key: string): number => ATTRIBUTE_COLUMNS[layer].findIndex((c) => c.key === key);

describe('attributeRows: paging and sorting against SQL on the project file', () => {
  it('gives every parcel once, in fid order without a sort, with the total', async () => {
    const all = await allPages({ layer: 'parcels' });
    expect(all.total).toBe(count('SELECT count(*) FROM parcels'));
    expect(all.total).toBe(3000);
    expect(all.fids).toEqual(fids('SELECT fid FROM parcels ORDER BY fid'));
  });

  it('sorts by computed area descending: each page is the LIMIT/OFFSET of the SQL order, values as stored', async () => {
    for (const offset of [0, 1450, 2950]) {
      const page = await core.attributeRows({ layer: 'parcels', sort: { column: 'area_m2', dir: 'desc' }, offset, limit: 100 });
      const want = oracle.prepare('SELECT fid, area_m2, code FROM parcels ORDER BY area_m2 DESC, fid DESC LIMIT 100 OFFSET ?').all(offset) as { fid: number; area_m2: number; code: string }[];
      expect(page.offset).toBe(offset);
      expect(page.rows.map((r) => r.fid)).toEqual(want.map((w) => w.fid));
      page.rows.forEach((r, i) => {
        expect(r.values[col('parcels', 'area_m2')]).toBe(want[i]?.area_m2);
        expect(r.values[col('parcels', 'code')]).toBe(want[i]?.code);
        // mu = m² × 15 / 10000 of the unrounded m²
        expect(r.values[col('parcels', 'mu')]).toBe(((want[i]?.area_m2 ?? NaN) * 15) / 10000);
      });
    }
    const first = await core.attributeRows({ layer: 'parcels', sort: { column: 'mu', dir: 'desc' }, offset: 0, limit: 1 });
    expect(first.rows[0]?.values[col('parcels', 'area_m2')]).toBe(count('SELECT max(area_m2) FROM parcels'));
  });

  it('sorts text columns with blanks first ascending and last descending, fid breaking ties', async () => {
    const asc = await allPages({ layer: 'parcels', sort: { column: 'block_code', dir: 'asc' } });
    expect(asc.fids).toEqual(fids('SELECT fid FROM parcels ORDER BY block_code ASC, fid ASC'));
    const desc = await allPages({ layer: 'parcels', sort: { column: 'block_code', dir: 'desc' } });
    expect(desc.fids).toEqual(fids('SELECT fid FROM parcels ORDER BY block_code DESC, fid DESC'));
    const blanks = count('SELECT count(*) FROM parcels WHERE block_code IS NULL');
    expect(blanks).toBeGreaterThan(0);
    const firstRows = asc.pages[0]?.rows.slice(0, blanks) ?? [];
    expect(firstRows.every((r) => r.values[col('parcels', 'block_code')] === null)).toBe(true);
    for (const column of ['owner', 'completed_on', 'status', 'stated_area_m2']) {
      const page = await allPages({ layer: 'parcels', sort: { column, dir: 'asc' } }, 1000);
      expect(page.fids, column).toEqual(fids(`SELECT fid FROM parcels ORDER BY "${column}" ASC, fid ASC`));
    }
  });

  it('gives each row its box from the R-tree', async () => {
    const page = await core.attributeRows({ layer: 'parcels', offset: 10, limit: 5 });
    for (const r of page.rows) {
      const box = oracle.prepare('SELECT minx, miny, maxx, maxy FROM rtree_parcels_geom WHERE id = ?').raw().get(r.fid);
      expect(r.bbox).toEqual(box);
    }
  });

  it('refuses a column the layer does not have', async () => {
    await expect(core.attributeRows({ layer: 'parcels', sort: { column: 'geom', dir: 'asc' } })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(core.attributeRows({ layer: 'key_blocks', sort: { column: 'owner', dir: 'asc' } })).rejects.toBeInstanceOf(PlannerError);
    await expect(core.attributeRows({ layer: 'transport', filter: { status: ['已完成'] } })).rejects.toMatchObject({ code: 'filter_not_applicable' });
  });
});

describe('attributeRows: filters', () => {
  it('filters by status, town, method, block and completion year as SQL counts them', async () => {
    const town = oracle.prepare("SELECT town FROM parcels WHERE status = '已完成' GROUP BY town ORDER BY count(*) DESC LIMIT 1").pluck().get() as string;
    const cases: [AttributeRowsInput['filter'], string][] = [
      [{ status: ['已完成'] }, "status = '已完成'"],
      [{ status: ['已完成', '整治中'] }, "status IN ('已完成', '整治中')"],
      [{ status: ['已完成'], town: [town] }, `status = '已完成' AND town = '${town}'`],
      [{ block: [null] }, "block_code IS NULL OR trim(block_code) = ''"],
      [{ completedYear: [2023] }, "completed_on LIKE '2023-%'"],
      [{ completedYear: [null], status: ['未启动'] }, "completed_on IS NULL AND status = '未启动'"],
    ];
    const method = oracle.prepare('SELECT method FROM parcels WHERE method IS NOT NULL LIMIT 1').pluck().get() as string | undefined;
    if (method) cases.push([{ method: [method] }, `method = '${method}'`]);
    for (const [filter, where] of cases) {
      const want = fids(`SELECT fid FROM parcels WHERE ${where} ORDER BY completed_on DESC, fid DESC`);
      expect(want.length, where).toBeGreaterThan(0);
      const got = await allPages({ layer: 'parcels', filter, sort: { column: 'completed_on', dir: 'desc' } });
      expect(got.total, where).toBe(want.length);
      expect(got.fids, where).toEqual(want);
    }
  });

  it('filters by a text contained in any text column, every term, Latin letters in any case', async () => {
    const textCols = ATTRIBUTE_COLUMNS.parcels.filter((c) => c.kind !== 'number').map((c) => c.key);
    const contains = (term: string): string => `(${textCols.map((c) => `instr(lower(coalesce("${c}", '')), lower('${term}')) > 0`).join(' OR ')})`;
    const owner = oracle.prepare("SELECT owner FROM parcels WHERE owner LIKE '%五金%' LIMIT 1").pluck().get() as string | undefined;
    const terms = ['五金', 'yk2023-000', `${(owner ?? '五金').slice(0, 2)} 已完成`, '2023-07'];
    for (const text of terms) {
      const where = text.split(' ').map(contains).join(' AND ');
      const want = fids(`SELECT fid FROM parcels WHERE ${where} ORDER BY fid`);
      const got = await allPages({ layer: 'parcels', text });
      expect(got.fids, text).toEqual(want);
      expect(want.length, text).toBeGreaterThan(0);
    }
    // % and _ are literal, not LIKE wildcards
    expect((await core.attributeRows({ layer: 'parcels', text: '%' })).total).toBe(count(`SELECT count(*) FROM parcels WHERE ${contains('%')}`));
    expect((await core.attributeRows({ layer: 'parcels', text: '没有这样的地块' })).total).toBe(0);
  });

  it('filters and sorts the other layers: key blocks by town, projects by investment', async () => {
    const town = oracle.prepare('SELECT town FROM key_blocks WHERE town IS NOT NULL LIMIT 1').pluck().get() as string;
    const blocks = await allPages({ layer: 'key_blocks', filter: { town: [town] }, sort: { column: 'target_mu', dir: 'desc' } });
    expect(blocks.fids).toEqual(fids('SELECT fid FROM key_blocks WHERE town = ? ORDER BY target_mu DESC, fid DESC', town));
    const projects = await allPages({ layer: 'projects', sort: { column: 'investment_yi', dir: 'desc' } });
    expect(projects.fids).toEqual(fids('SELECT fid FROM projects ORDER BY investment_yi DESC, fid DESC'));
    const first = projects.pages[0]?.rows[0];
    expect(first?.values[col('projects', 'investment_yi')]).toBe(count('SELECT max(investment_yi) FROM projects'));
    const lines = await core.attributeRows({ layer: 'transport', sort: { column: 'length_m', dir: 'asc' }, limit: 1000 });
    expect(lines.rows.map((r) => r.fid)).toEqual(fids('SELECT fid FROM transport ORDER BY length_m, fid'));
  });
});

describe('attributeRows: the row of a feature (map → table)', () => {
  it('locates a fid at its index in the sorted, filtered order; null when filtered out', async () => {
    const order = fids("SELECT fid FROM parcels WHERE status = '整治中' ORDER BY owner DESC, fid DESC");
    for (const i of [0, 7, order.length - 1]) {
      const fid = order[i] as number;
      const res = await core.attributeRows({ layer: 'parcels', filter: { status: ['整治中'] }, sort: { column: 'owner', dir: 'desc' }, limit: 0, locate: fid });
      expect(res.rowIndex).toBe(i);
      expect(res.rows).toEqual([]);
      // The page holding that index holds the fid there.
      const page = await core.attributeRows({ layer: 'parcels', filter: { status: ['整治中'] }, sort: { column: 'owner', dir: 'desc' }, offset: Math.floor(i / 100) * 100, limit: 100 });
      expect(page.rows[i % 100]?.fid).toBe(fid);
    }
    const outside = count("SELECT fid FROM parcels WHERE status = '已完成' LIMIT 1");
    const res = await core.attributeRows({ layer: 'parcels', filter: { status: ['整治中'] }, limit: 0, locate: outside });
    expect(res.rowIndex).toBeNull();
  });
});

describe('attributeRows follows changes', () => {
  it('an edit through the core and a write by another connection show in the next page', async () => {
    const filter = { status: ['整治中'] };
    const before = (await core.attributeRows({ layer: 'parcels', filter, limit: 0 })).total;
    const fid = count("SELECT fid FROM parcels WHERE status = '未启动' ORDER BY fid LIMIT 1");
    await core.applyEdits({ edits: [{ fid, field: 'status', value: '整治中' }] });
    expect((await core.attributeRows({ layer: 'parcels', filter, limit: 0 })).total).toBe(before + 1);
    expect(count("SELECT count(*) FROM parcels WHERE status = '整治中'")).toBe(before + 1);

    // An import runs in a worker with its own connection: PRAGMA data_version tells the core.
    // (A second Project: its connection has the GeoPackage functions the R-tree triggers call.)
    const other = count("SELECT fid FROM parcels WHERE status = '未启动' ORDER BY fid LIMIT 1");
    const second = Project.open(file);
    second.db.prepare("UPDATE parcels SET status = '整治中' WHERE fid = ?").run(other);
    second.close();
    const after = await core.attributeRows({ layer: 'parcels', filter, sort: { column: 'code', dir: 'asc' }, limit: 0, locate: other });
    expect(after.total).toBe(before + 2);
    expect(after.rowIndex).toBe(fids("SELECT fid FROM parcels WHERE status = '整治中' ORDER BY code, fid").indexOf(other));
  });
});

describe('exportAttributeTable', () => {
  const query = { layer: 'parcels' as const, filter: { status: ['已完成'] }, sort: { column: 'area_m2', dir: 'desc' as const } };

  it('writes the filtered rows as CSV (UTF-8 with BOM, Chinese headers) in the table order, areas to 0.01', async () => {
    const out = await core.exportAttributeTable({ ...query, format: 'csv' });
    expect(out.fileName).toMatch(/^工业用地地块_属性表_示例数据_\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = Buffer.from(out.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(ATTRIBUTE_COLUMNS.parcels.map((c) => c.zh).join(','));
    const want = oracle.prepare("SELECT code, printf('%.2f', area_m2) AS m2, printf('%.2f', area_m2 * 15.0 / 10000) AS mu FROM parcels WHERE status = '已完成' ORDER BY area_m2 DESC, fid DESC").all() as { code: string; m2: string; mu: string }[];
    expect(lines.length - 1).toBe(want.length);
    const cells = lines.slice(1).map((l) => l.split(','));
    cells.forEach((c, i) => {
      expect(c[col('parcels', 'code')]).toBe(want[i]?.code);
      expect(c[col('parcels', 'area_m2')]).toBe(want[i]?.m2);
      expect(c[col('parcels', 'mu')]).toBe(want[i]?.mu);
    });
  });

  it('writes the same rows as .xlsx: a frozen header row of Chinese names, numbers with two decimals, and a 说明 sheet', async () => {
    const out = await core.exportAttributeTable({ ...query, format: 'xlsx' });
    expect(out.fileName.endsWith('.xlsx')).toBe(true);
    const xlsx = path.join(dir, out.fileName);
    fs.writeFileSync(xlsx, Buffer.from(out.base64, 'base64'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.getWorksheet('工业用地地块');
    if (!ws) throw new Error('no data sheet');
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(ATTRIBUTE_COLUMNS.parcels.map((c) => c.zh));
    const want = oracle.prepare("SELECT code, area_m2 FROM parcels WHERE status = '已完成' ORDER BY area_m2 DESC, fid DESC").all() as { code: string; area_m2: number }[];
    expect(ws.actualRowCount - 1).toBe(want.length);
    const second = ws.getRow(3);
    expect(second.getCell(col('parcels', 'code') + 1).value).toBe(want[1]?.code);
    expect(second.getCell(col('parcels', 'area_m2') + 1).value).toBeCloseTo(want[1]?.area_m2 ?? NaN, 2);
    expect(second.getCell(col('parcels', 'area_m2') + 1).numFmt).toBe('0.00');
    const about = wb.getWorksheet('说明');
    expect(about?.getCell('B2').value).toBe('整治状态 = 已完成');
    expect(about?.getCell('B4').value).toBe(String(want.length));
  });
});
