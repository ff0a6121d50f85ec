import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngHeightFor } from '../../shared/api/briefing.js';
import type { Dashboard } from '../../shared/api/dashboard.js';
import type { GoalsReport } from '../../shared/api/goals.js';
import type { TallyResult } from '../../shared/api/import.js';
import { GOAL_STATUS_LABELS } from '../../shared/domain/goal-colors.js';
import { DEFAULT_SETTINGS } from '../../shared/domain/vocabulary.js';
import { dashboardReport } from '../../electron/core/dashboard/dashboard.js';
import { Project } from '../../electron/core/project/project.js';
import { MAP_FRAME_MM } from '../../renderer/src/features/briefing/layout.js';
import { formatGoalValue, formatPercent } from '../../renderer/src/features/dashboard/format.js';
import { landplanner } from '../helpers/cli.js';
import { countHues, pdfInfo, pdfPageRaster, pdfText, pngSize } from '../helpers/pdf.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * `landplanner brief` on a fresh copy of the sample project, read back with poppler (an
 * independent PDF reader): the goal figures and the block table printed on the page equal
 * `landplanner goals --json` and the dashboard's numbers (and, at year end, `landplanner tally
 * --by block`), formatted as the dashboard formats them; the map area shows the parcels' status
 * colours; the atlas has the city plus one page per key block; a PNG has the size asked for; and
 * without Chromium the command fails with a clear error. Rendering goes through the real system
 * Chromium (software WebGL), so these tests are slow.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = makeTempDir('brief-cli');
const project = path.join(dir, 'sample.gpkg');
const AS_OF = '2023-08-01';
const RENDER_TIMEOUT = 240_000;

beforeAll(() => {
  const r = landplanner(['sample', '--out', project]);
  expect(r.status, r.stdout + r.stderr).toBe(0);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function brief(args: string[]): Record<string, unknown> {
  const r = landplanner(['brief', '--project', project, '--year', '2023', ...args]);
  expect(r.status, r.stdout + r.stderr).toBe(0);
  return r.json;
}

/** pdftotext -raw with all white space removed: the words of the page in reading order. */
function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

const count = (n: number): string => new Intl.NumberFormat('zh-CN').format(n);
const mu = (v: number): string => v.toFixed(2);

/** One table row as the dashboard shows it: code, name, parcels, remediated mu, target mu, progress. */
function rowText(code: string, name: string, parcels: number, remediatedMu: number, targetMu: number | null, progress: number | null): string {
  return [code, name, count(parcels), mu(remediatedMu), targetMu === null ? '—' : mu(targetMu), formatPercent(progress)].join(' ');
}

/** The map frame of a page at `dpi`, from the layout's millimetres (a pixel inside its outline). */
function mapRect(dpi: number): { x: number; y: number; width: number; height: number } {
  const px = (mm: number): number => Math.round((mm / 25.4) * dpi);
  return { x: px(MAP_FRAME_MM.left) + 1, y: px(MAP_FRAME_MM.top) + 1, width: px(MAP_FRAME_MM.width) - 2, height: px(MAP_FRAME_MM.height) - 2 };
}

const STATUS_COLOR = Object.fromEntries(DEFAULT_SETTINGS.statuses.map((s) => [s.value, s.color]));

describe('landplanner brief — one page for the city as of 2023-08-01', () => {
  const out = path.join(dir, 'city.pdf');
  let text = '';
  let goals: GoalsReport;

  beforeAll(() => {
    const r = brief(['--as-of', AS_OF, '--out', out]);
    expect(r['pages']).toBe(1);
    expect(r['fileName']).toBe('永康市-简报-2023-08-01.pdf');
    text = pdfText(out, { raw: true });
    const g = landplanner(['goals', '--project', project, '--year', '2023', '--as-of', AS_OF]);
    expect(g.status, g.stdout + g.stderr).toBe(0);
    goals = g.json as unknown as GoalsReport;
  }, RENDER_TIMEOUT);

  it('is a one-page A4 landscape PDF with the title, the date, the bureau and the 示例数据 mark', () => {
    expect(fs.readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = pdfInfo(out);
    expect(info['Pages']).toBe('1');
    expect(info['Page size']).toMatch(/^841\.\d+ x 59\d\.\d+ pts/);
    expect(text).toContain('永康市土地整治工作简报');
    expect(text).toContain('永康市自然资源和规划局');
    expect(squeeze(text)).toContain(`截至${AS_OF}`);
    expect(squeeze(text)).toContain(`序时进度${formatPercent(goals.timeProgress)}`);
    expect(text).toContain('示例数据');
  });

  it('prints every goal with the figures of `landplanner goals --json`', () => {
    const words = squeeze(text);
    expect(goals.goals.length).toBeGreaterThan(0);
    for (const g of goals.goals) {
      const tile = [
        g.label,
        GOAL_STATUS_LABELS[g.status as keyof typeof GOAL_STATUS_LABELS].zh,
        formatGoalValue(g.achieved, g.unit, 'zh-CN'),
        '/',
        formatGoalValue(g.target, g.unit, 'zh-CN'),
        g.unit,
        formatPercent(g.progress),
      ].join('');
      expect(words, g.key).toContain(squeeze(tile));
    }
    // The colour legend goes with the colours.
    for (const item of goals.legend) expect(words).toContain(squeeze(item.labelZh));
  });

  it('prints the block table with the dashboard’s numbers at the same date', () => {
    const p = Project.open(project);
    let dash: Dashboard;
    try {
      dash = dashboardReport(p.db, p.getSettings(), { year: 2023, asOf: AS_OF }, AS_OF);
    } finally {
      p.close();
    }
    const lines = text.split('\n').map((l) => l.trim());
    expect(dash.blocks).toHaveLength(18);
    for (const b of dash.blocks) expect(lines, b.code).toContain(rowText(b.code, b.name ?? '', b.parcels, b.remediatedMu, b.targetMu, b.progress));
    // The table's total is the remediation goal's achieved value, as `landplanner goals` gives it.
    const remediated = goals.goals.find((g) => g.key === 'remediated_industrial_land');
    const allParcels = dash.blocks.reduce((s, b) => s + b.parcels, 0) + dash.unassigned.parcels;
    expect(lines).toContain(`合计 ${count(allParcels)} ${mu(remediated?.achieved ?? NaN)} — —`);
  });

  it('draws the map: not blank, with the parcels’ status colours in the map frame (pdftoppm -r 50)', () => {
    const raster = pdfPageRaster(out, 1, 50);
    const hues = countHues(raster, mapRect(50), { done: STATUS_COLOR['已完成'] ?? '', inProgress: STATUS_COLOR['整治中'] ?? '' });
    expect(hues.distinct, 'a blank map has a handful of colours').toBeGreaterThan(500);
    expect(hues.saturated / hues.total).toBeGreaterThan(0.02);
    expect(hues.byTarget['inProgress']).toBeGreaterThan(50);
    expect(hues.byTarget['done']).toBeGreaterThan(0);
  });
});

describe('landplanner brief --atlas — the city and the 18 key blocks at year end', () => {
  const out = path.join(dir, 'atlas.pdf');
  let tally: TallyResult;

  beforeAll(() => {
    const r = brief(['--as-of', '2023-12-31', '--atlas', '--out', out]);
    expect(r['pages']).toBe(19);
    const t = landplanner(['tally', '--project', project, '--year', '2023', '--by', 'block']);
    expect(t.status, t.stdout + t.stderr).toBe(0);
    tally = t.json as unknown as TallyResult;
  }, RENDER_TIMEOUT);

  it('has 19 pages: the city first, then one page per key block in code order', () => {
    expect(pdfInfo(out)['Pages']).toBe('19');
    const db = new Database(project, { readonly: true });
    const blocks = db.prepare('SELECT code, name FROM key_blocks ORDER BY code').all() as { code: string; name: string }[];
    db.close();
    expect(pdfText(out, { raw: true, first: 1, last: 1 })).toContain('永康市土地整治工作简报');
    blocks.forEach((b, i) => {
      const page = pdfText(out, { raw: true, first: i + 2, last: i + 2 });
      expect(page, b.code).toContain(`${b.name}土地整治工作简报`);
      expect(squeeze(page)).toContain(`第${i + 2}页/共19页`);
    });
  });

  it('prints each block’s remediated mu as `landplanner tally --by block` counts the year', () => {
    const lines = pdfText(out, { raw: true, first: 1, last: 1 }).split('\n').map((l) => l.trim());
    const rows = tally.rows.filter((r) => r.key !== null);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const line = lines.find((l) => l.startsWith(`${r.key} `));
      expect(line, r.key ?? '').toBeDefined();
      expect(line?.split(' ')[3], r.key ?? '').toBe(mu(r.areaMu));
    }
    // A block page shows its own figures too: ZD01's remediated mu in its first tile, on page 2.
    const zd01 = rows.find((r) => r.key === 'ZD01');
    const page2 = squeeze(pdfText(out, { raw: true, first: 2, last: 2 }));
    const tile = page2.slice(page2.indexOf('已整治面积'), page2.indexOf('已整治面积') + 40);
    expect(tile).toContain(`${mu(zd01?.areaMu ?? NaN)}亩`);
  });

  it('draws a block page’s map with the parcels’ status colours', () => {
    const raster = pdfPageRaster(out, 2, 50);
    const hues = countHues(raster, mapRect(50), { done: STATUS_COLOR['已完成'] ?? '', inProgress: STATUS_COLOR['整治中'] ?? '' });
    expect(hues.byTarget['done']).toBeGreaterThan(100);
    expect(hues.byTarget['inProgress']).toBeGreaterThan(20);
  });
});

describe('landplanner brief — PNG, names and errors', () => {
  it('writes a PNG of the requested width, the height following the sheet', () => {
    const out = path.join(dir, 'ZD01.png');
    const r = brief(['--as-of', AS_OF, '--block', 'ZD01', '--out', out, '--width', '1600']);
    const size = pngSize(fs.readFileSync(out));
    expect(size).toEqual({ width: 1600, height: pngHeightFor('A4', 1600) });
    expect(r).toMatchObject({ format: 'png', widthPx: 1600, heightPx: pngHeightFor('A4', 1600), fileName: '老长城区块-简报-2023-08-01.png' });
  }, RENDER_TIMEOUT);

  it('names the file after the extent and the date when --out is a folder', () => {
    const folder = path.join(dir, 'named');
    fs.mkdirSync(folder);
    const r = brief(['--as-of', AS_OF, '--zone', 'CG01', '--out', folder]);
    expect(r['out']).toBe(path.join(folder, '南苑-简报-2023-08-01.pdf'));
    expect(fs.existsSync(path.join(folder, '南苑-简报-2023-08-01.pdf'))).toBe(true);
    expect(pdfText(path.join(folder, '南苑-简报-2023-08-01.pdf'), { raw: true })).toContain('南苑土地整治工作简报');
  }, RENDER_TIMEOUT);

  it('fails clearly, in Chinese and English, when no Chromium is found', () => {
    const r = landplanner(['brief', '--project', project, '--year', '2023', '--out', path.join(dir, 'x.pdf'), '--chromium', path.join(dir, 'no-such-chromium')]);
    expect(r.status).toBe(1);
    const error = (r.json as { error: { code: string; message: string; messageZh: string } }).error;
    expect(error.code).toBe('chromium_not_found');
    expect(error.message).toContain('no-such-chromium');
    expect(error.messageZh).toContain('未找到');
    expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);

    // Nothing given, nothing on PATH, LANDPLANNER_CHROMIUM pointing nowhere: the same error, naming the variable.
    const env = { ...process.env, PATH: path.dirname(process.execPath), LANDPLANNER_CHROMIUM: path.join(dir, 'missing') };
    const s = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'landplanner.mjs'), 'brief', '--project', project, '--year', '2023', '--out', path.join(dir, 'y.pdf'), '--json'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(s.status).toBe(1);
    const e2 = (JSON.parse(s.stdout) as { error: { code: string; message: string } }).error;
    expect(e2.code).toBe('chromium_not_found');
    expect(e2.message).toContain('LANDPLANNER_CHROMIUM');
  }, 120_000);

  it('refuses an unknown block and a PNG atlas before printing anything', () => {
    const a = landplanner(['brief', '--project', project, '--year', '2023', '--block', 'ZD99', '--out', path.join(dir, 'z.pdf')]);
    expect(a.status).toBe(1);
    expect((a.json as { error: { code: string } }).error.code).toBe('unknown_block');
    const b = landplanner(['brief', '--project', project, '--year', '2023', '--atlas', '--out', path.join(dir, 'z.png')]);
    expect(b.status).toBe(1);
    expect((b.json as { error: { code: string } }).error.code).toBe('briefing_atlas_png');
  }, 120_000);
});
