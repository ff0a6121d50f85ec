import type { Dashboard } from '../../../shared/api/dashboard.js';
import { GOAL_SCHEME_LABELS, GOAL_STATUS_LABELS } from '../../../shared/domain/goal-colors.js';
import { m2ToMu, roundTo } from '../../../shared/domain/units.js';

/** One exported cell: text, a number (already rounded for the file) or blank. */
export type ExportCell = string | number | null;

export interface ExportTable {
  sheet: string;
  headers: string[];
  rows: ExportCell[][];
  /** Columns (0-based) written with two decimals. */
  decimals: number[];
}

const r2 = (v: number | null): number | null => (v === null ? null : roundTo(v, 2));
const pct = (fraction: number | null): number | null => (fraction === null ? null : roundTo(fraction * 100, 2));

export const GOAL_HEADERS = ['指标', '目标', '单位', '完成', '进度%', '序时进度%', '状态'];
export const BLOCK_HEADERS = ['区块编号', '区块名称', '地块数', '已整治(亩)', '目标(亩)', '进度%'];
export const MONTH_HEADERS = ['月份', '整治(亩)', '出让(亩)', '累计整治(亩)', '累计出让(亩)', '序时整治(亩)', '序时出让(亩)'];
export const TRANSFER_HEADERS = ['分组', '项目', '宗数', '出让面积(亩)'];

export const BLOCK_SUBTOTAL = '重点区块小计';
export const BLOCK_OUTSIDE = '不在重点区块内';
export const BLOCK_TOTAL = '合计';

export function goalTable(d: Dashboard): ExportTable {
  const tp = pct(d.goals.timeProgress);
  return {
    sheet: '目标进度',
    headers: GOAL_HEADERS,
    rows: d.goals.goals.map((g) => [g.label, g.target, g.unit, r2(g.achieved), pct(g.progress), tp, GOAL_STATUS_LABELS[g.status].zh]),
    decimals: [3, 4, 5],
  };
}

/** The block rows, then the key-block subtotal, the parcels outside any block and the total (sums from unrounded m²). */
export function blockTable(d: Dashboard): ExportTable {
  const rows: ExportCell[][] = d.blocks.map((b) => [b.code, b.name, b.parcels, r2(b.remediatedMu), r2(b.targetMu), pct(b.progress)]);
  const inM2 = d.blocks.reduce((s, b) => s + b.remediatedM2, 0);
  const parcels = d.blocks.reduce((s, b) => s + b.parcels, 0);
  const targets = d.blocks.map((b) => b.targetMu).filter((t): t is number => t !== null);
  const target = targets.length > 0 ? targets.reduce((s, t) => s + t, 0) : null;
  const inMu = m2ToMu(inM2);
  rows.push(['', BLOCK_SUBTOTAL, parcels, r2(inMu), r2(target), pct(target !== null && target > 0 ? inMu / target : null)]);
  rows.push(['', BLOCK_OUTSIDE, d.unassigned.parcels, r2(d.unassigned.remediatedMu), null, null]);
  rows.push(['', BLOCK_TOTAL, parcels + d.unassigned.parcels, r2(m2ToMu(inM2 + d.unassigned.remediatedM2)), null, null]);
  return { sheet: '按区块', headers: BLOCK_HEADERS, rows, decimals: [3, 4, 5] };
}

export function monthTable(d: Dashboard): ExportTable {
  return {
    sheet: '按月',
    headers: MONTH_HEADERS,
    rows: d.monthly.map((m) => [
      m.month,
      r2(m.remediatedMu),
      r2(m.transferredMu),
      r2(m.cumulativeRemediatedMu),
      r2(m.cumulativeTransferredMu),
      r2(m.scheduleRemediatedMu),
      r2(m.scheduleTransferredMu),
    ]),
    decimals: [1, 2, 3, 4, 5, 6],
  };
}

export function transferTable(d: Dashboard): ExportTable {
  const t = d.transfers;
  const part = (group: string, list: Dashboard['transfers']['byTown']): ExportCell[][] =>
    list.map((r) => [group, r.key ?? '(未填)', r.count, r2(r.areaMu)]);
  return {
    sheet: '出让汇总',
    headers: TRANSFER_HEADERS,
    rows: [...part('按镇街', t.byTown), ...part('按月份', t.byMonth), ...part('按用途', t.byUse), ['合计', '', t.total.count, r2(t.total.areaMu)]],
    decimals: [3],
  };
}

/** Title lines above each sheet: what, when, time progress and the 全年红 summary. */
export function reportTitle(d: Dashboard, isSample: boolean): { title: string; subtitle: string } {
  const g = d.goals;
  const sample = isSample ? ' · 示例数据' : '';
  return {
    title: `永康市低效工业用地整治与出让进度(${g.year} 年)`,
    subtitle: `截至 ${g.asOf} · 序时进度 ${(g.timeProgress * 100).toFixed(2)}% · 全年红:${g.summary.total} 项目标中 ${g.summary.metOrOnTrack} 项达到序时进度 · 配色:${GOAL_SCHEME_LABELS[g.scheme].zh}${sample}`,
  };
}

export function exportFileName(year: number, asOf: string, ext: 'xlsx' | 'csv'): string {
  return `永康市整治出让进度_${year}_截至${asOf}.${ext}`;
}

function csvField(v: ExportCell): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A table as CSV: UTF-8 with a BOM and CRLF, so Excel opens the Chinese headers correctly; the
 * `decimals` columns with two decimals. (The dashboard's block table, the attribute table.)
 */
export function tableCsv(t: Pick<ExportTable, 'headers' | 'rows' | 'decimals'>): string {
  const decimals = new Set(t.decimals);
  const lines = [t.headers.map(csvField).join(',')];
  for (const row of t.rows) lines.push(row.map((v, i) => (typeof v === 'number' && decimals.has(i) ? v.toFixed(2) : csvField(v))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The block table as CSV (tableCsv). */
export function blockCsv(d: Dashboard): string {
  return tableCsv(blockTable(d));
}
