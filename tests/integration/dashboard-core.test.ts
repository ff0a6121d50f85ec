import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../shared/api/dashboard.js';
import { createCore, type Core } from '../../electron/core/core.js';
import { Project } from '../../electron/core/project/project.js';
import { sampleCopy } from '../fixtures/ledgers/sample-copy.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * The dashboard methods through the core on a copy of the sample project, checked against plain
 * SQL written here (not our aggregation code): monthly sums, block rows, transfer totals; the
 * cumulative figures at the as-of month against the goals; the drill-down against the tally; the
 * .xlsx read back with exceljs and the CSV's BOM and headers.
 */
const dir = makeTempDir('dashboard-core');
const YEAR = 2023;
const AS_OF = '2023-08-01';
const MU = 0.0015;
let file: string;
let project: Project;
let core: Core;
let oracle: Database.Database;
let d: Dashboard;

beforeAll(async () => {
  file = sampleCopy(dir, 'sample.gpkg');
  project = Project.open(file);
  core = createCore(project);
  oracle = new Database(file, { readonly: true });
  d = await core.dashboard({ year: YEAR, asOf: AS_OF });
});
afterAll(async () => {
  oracle.close();
  await core.dispose();
  project.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const done = (): string[] => project.getSettings().statuses.filter((s) => s.done).map((s) => s.value);
const inList = (xs: readonly string[]): string => xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',');

/** Σ area of remediated parcels completed in [from, to] by plain SQL, in mu. */
function remediatedMu(from: string, to: string, extra = '1'): number {
  const m2 = oracle
    .prepare(`SELECT coalesce(sum(area_m2), 0) FROM parcels WHERE status IN (${inList(done())}) AND date(completed_on) BETWEEN ? AND ? AND ${extra}`)
    .pluck()
    .get(from, to) as number;
  return m2 * MU;
}
function transferredMu(from: string, to: string): number {
  return (oracle.prepare('SELECT coalesce(sum(area_m2), 0) FROM transfers WHERE date(contract_date) BETWEEN ? AND ?').pluck().get(from, to) as number) * MU;
}

describe('dashboard', () => {
  it('has twelve months whose sums equal plain SQL, null after the as-of month', () => {
    expect(d.monthly.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`));
    for (const [i, m] of d.monthly.entries()) {
      const first = `${m.month}-01`;
      const last = i < 7 ? oracle.prepare("SELECT date(?, '+1 month', '-1 day')").pluck().get(first) as string : AS_OF;
      if (i > 7) {
        expect(m.remediatedMu).toBeNull();
        expect(m.cumulativeTransferredMu).toBeNull();
        continue;
      }
      expect(m.remediatedMu).toBeCloseTo(remediatedMu(first, last), 6);
      expect(m.transferredMu).toBeCloseTo(transferredMu(first, last), 6);
      expect(m.cumulativeRemediatedMu).toBeCloseTo(remediatedMu('2023-01-01', last), 6);
      expect(m.cumulativeTransferredMu).toBeCloseTo(transferredMu('2023-01-01', last), 6);
    }
    expect(d.monthly.filter((m) => m.remediatedMu !== null)).toHaveLength(8);
  });

  it('cumulative at the as-of month equals the goals achieved', () => {
    const aug = d.monthly[7];
    const goal = (k: string) => d.goals.goals.find((g) => g.key === k);
    expect(aug?.cumulativeRemediatedMu).toBeCloseTo(goal('remediated_industrial_land')?.achieved ?? NaN, 8);
    expect(aug?.cumulativeTransferredMu).toBeCloseTo(goal('transferred_industrial_land')?.achieved ?? NaN, 8);
    expect(goal('remediated_industrial_land')?.achieved).toBeCloseTo(3007.78, 2);
  });

  it('schedule is target × days to the month end / days in the year', () => {
    const target = oracle.prepare("SELECT target FROM goals WHERE year = 2023 AND key = 'remediated_industrial_land'").pluck().get() as number;
    expect(d.monthly[0]?.scheduleRemediatedMu).toBeCloseTo((target * 31) / 365, 9);
    expect(d.monthly[1]?.scheduleRemediatedMu).toBeCloseTo((target * 59) / 365, 9);
    expect(d.monthly[11]?.scheduleRemediatedMu).toBeCloseTo(target, 9);
    expect(d.monthly[11]?.scheduleTransferredMu).toBeCloseTo(1400, 9);
  });

  it('block rows equal a plain-SQL oracle and add up with the unassigned row to the goal', () => {
    const rows = oracle
      .prepare(
        `SELECT b.code AS code, b.name AS name, b.target_mu AS target,
           (SELECT count(*) FROM parcels p WHERE p.block_code = b.code) AS parcels,
           (SELECT coalesce(sum(p.area_m2), 0) FROM parcels p WHERE p.block_code = b.code AND p.status IN (${inList(done())})
              AND date(p.completed_on) BETWEEN '2023-01-01' AND ?) AS m2
         FROM key_blocks b ORDER BY b.code`,
      )
      .all(AS_OF) as { code: string; name: string; target: number; parcels: number; m2: number }[];
    expect(d.blocks.map((b) => b.code)).toEqual(rows.map((r) => r.code));
    for (const r of rows) {
      const b = d.blocks.find((x) => x.code === r.code);
      expect(b?.parcels).toBe(r.parcels);
      expect(b?.name).toBe(r.name);
      expect(b?.targetMu).toBe(r.target);
      expect(b?.remediatedMu).toBeCloseTo(r.m2 * MU, 8);
      expect(b?.progress).toBeCloseTo((r.m2 * MU) / r.target, 10);
    }
    const total = d.blocks.reduce((s, b) => s + b.remediatedM2, 0) + d.unassigned.remediatedM2;
    expect(total * MU).toBeCloseTo(remediatedMu('2023-01-01', AS_OF), 6);
    const parcels = oracle.prepare('SELECT count(*) FROM parcels').pluck().get() as number;
    expect(d.blocks.reduce((s, b) => s + b.parcels, 0) + d.unassigned.parcels).toBe(parcels);
  });

  it('transfer totals by town, month and use equal plain SQL', () => {
    const by = (col: string) =>
      oracle
        .prepare(`SELECT ${col} AS k, count(*) AS n, sum(area_m2) AS m2 FROM transfers WHERE date(contract_date) BETWEEN '2023-01-01' AND ? GROUP BY k`)
        .all(AS_OF) as { k: string; n: number; m2: number }[];
    const check = (list: Dashboard['transfers']['byTown'], col: string): void => {
      const want = by(col);
      expect(list).toHaveLength(want.length);
      for (const w of want) {
        const got = list.find((r) => r.key === w.k);
        expect(got?.count).toBe(w.n);
        expect(got?.areaMu).toBeCloseTo(w.m2 * MU, 8);
      }
    };
    check(d.transfers.byTown, 'town');
    check(d.transfers.byUse, 'land_use');
    check(d.transfers.byMonth, "strftime('%Y-%m', contract_date)");
    expect(d.transfers.total.areaMu).toBeCloseTo(transferredMu('2023-01-01', AS_OF), 6);
  });

  it('defaults: the latest year with data and today clamped into it', async () => {
    const def = await core.dashboard({});
    expect(def.years).toContain(2023);
    expect(def.goals.asOf >= `${def.goals.year}-01-01` && def.goals.asOf <= `${def.goals.year}-12-31`).toBe(true);
  });
});

describe('tallyParcels', () => {
  it('the drill-down of every tally row has as many parcels as the row counts', async () => {
    for (const by of ['block', 'town', 'method', 'month', 'status'] as const) {
      const tally = await core.tally({ year: YEAR, by });
      for (const row of tally.rows) {
        const parcels = await core.tallyParcels({ year: YEAR, by, key: row.key });
        expect(parcels.length, `${by}=${row.key}`).toBe(row.count);
      }
    }
  });

  it('with an as-of date gives the block row of the dashboard', async () => {
    const b = d.blocks.find((x) => x.remediatedCount > 0);
    const parcels = await core.tallyParcels({ year: YEAR, by: 'block', key: b?.code ?? '', asOf: AS_OF });
    expect(parcels.length).toBe(b?.remediatedCount);
    const codes = oracle.prepare('SELECT code FROM parcels WHERE fid = ?').pluck();
    for (const p of parcels.slice(0, 5)) expect(codes.get(p.fid)).toBe(p.code);
  });

  it('drills into transfer figures by town and refuses a grouping that does not apply', async () => {
    const town = d.transfers.byTown[0];
    const parcels = await core.tallyParcels({ year: YEAR, by: 'town', key: town?.key ?? null, asOf: AS_OF, measure: 'transferred' });
    expect(parcels.length).toBeGreaterThan(0);
    expect(parcels.length).toBeLessThanOrEqual(town?.count ?? 0);
    await expect(core.tallyParcels({ year: YEAR, by: 'block', key: 'ZD01', measure: 'transferred' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('exportDashboard', () => {
  it('writes an .xlsx with Chinese headers that reads back with the same numbers', async () => {
    const out = await core.exportDashboard({ year: YEAR, asOf: AS_OF, format: 'xlsx' });
    expect(out.fileName).toBe('永康市整治出让进度_2023_截至2023-08-01.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['目标进度', '按区块', '按月', '出让汇总']);
    const values = (sheet: string, row: number): unknown[] => (wb.getWorksheet(sheet)?.getRow(row).values as unknown[]).slice(1);
    expect(values('目标进度', 3)).toEqual(['指标', '目标', '单位', '完成', '进度%', '序时进度%', '状态']);
    expect(values('按区块', 3)).toEqual(['区块编号', '区块名称', '地块数', '已整治(亩)', '目标(亩)', '进度%']);
    expect(values('按月', 3).slice(0, 3)).toEqual(['月份', '整治(亩)', '出让(亩)']);
    d.goals.goals.forEach((g, i) => {
      const row = values('目标进度', 4 + i);
      expect(row[0]).toBe(g.label);
      expect(row[3]).toBe(Math.round(g.achieved * 100) / 100);
      expect(row[4]).toBe(Math.round(g.progress * 10000) / 100);
    });
    d.blocks.forEach((b, i) => {
      const row = values('按区块', 4 + i);
      expect(row.slice(0, 3)).toEqual([b.code, b.name, b.parcels]);
      expect(row[3]).toBe(Math.round(b.remediatedMu * 100) / 100);
    });
    const aug = values('按月', 4 + 7);
    expect(aug[3]).toBe(Math.round((d.monthly[7]?.cumulativeRemediatedMu ?? 0) * 100) / 100);
    expect(values('按月', 4 + 8)[1]).toBeUndefined();
  });

  it('writes the block table as CSV in UTF-8 with a BOM and Chinese headers', async () => {
    const out = await core.exportDashboard({ year: YEAR, asOf: AS_OF, format: 'csv' });
    expect(out.fileName.endsWith('.csv')).toBe(true);
    const bytes = Buffer.from(out.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('区块编号,区块名称,地块数,已整治(亩),目标(亩),进度%');
    const first = d.blocks[0];
    expect(lines[1]).toBe(`${first?.code},${first?.name},${first?.parcels},${first?.remediatedMu.toFixed(2)},${first?.targetMu?.toFixed(2)},${((first?.progress ?? 0) * 100).toFixed(2)}`);
    expect(lines.at(-1)?.startsWith(',合计,')).toBe(true);
    expect(path.extname(out.fileName)).toBe('.csv');
  });
});
