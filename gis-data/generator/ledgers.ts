/**
 * Attribute ledgers of the sample: land transfers (出让), state-owned standard factories (标准厂房),
 * the 2023 goals and dated metric entries (bonds, upgrade fund, urban renewal investment).
 * Each ledger reaches about 60 % of its goal by 2023-08-01 and meets it by year end.
 */
import { GOALS_2023 } from '../../shared/domain/goals-2023.js';
import { m2ToMu } from '../../shared/domain/units.js';
import type { FactoryRow, GoalRow, MetricEntryRow, TransferRow } from '../../electron/core/project/types.js';
import { addDays, maxDate, randomDate } from './dates.js';
import { companyName, TOWN_SEATS } from './places.js';
import type { ParcelRecord } from './parcels.js';
import { Rng } from './prng.js';
import type { ZoneShape } from './zones.js';

/** Transfer budgets in 亩 (goal 1400 亩) for a 3000-parcel sample; smaller samples scale down. */
export const TRANSFER_BUDGET_MU = { beforeAugust: 840, afterAugust: 640 } as const;
/** Standard factory floor budgets in m² (goal 1,000,000 m²). */
export const FACTORY_BUDGET_M2 = { beforeAugust: 600_000, afterAugust: 460_000 } as const;

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/**
 * Transfers go to land vacated and reserved or demolished for rebuilding (re-sold after
 * remediation) and to new industrial land outside the blocks. The buyer becomes the parcel's owner.
 */
export function generateTransfers(seed: number, parcels: readonly ParcelRecord[], scale: number): TransferRow[] {
  const rng = new Rng(seed, 'transfers');
  const pool = parcels.filter(
    (p) => (p.status === '已完成' && (p.method === '腾退收储' || p.method === '拆除重建')) || (p.block === null && p.status === '未启动'),
  );
  const remaining = { beforeAugust: TRANSFER_BUDGET_MU.beforeAugust * scale, afterAugust: TRANSFER_BUDGET_MU.afterAugust * scale };
  const rows: TransferRow[] = [];
  for (const p of rng.weightedOrder(pool, (x) => m2ToMu(x.areaM2))) {
    if (remaining.beforeAugust <= 0 && remaining.afterAugust <= 0) break;
    const earliest = p.completedOn ? maxDate('2023-01-05', addDays(p.completedOn, 30)) : '2023-01-05';
    const canBefore = remaining.beforeAugust > 0 && earliest <= '2023-07-31';
    const canAfter = remaining.afterAugust > 0 && earliest <= '2023-12-26';
    if (!canBefore && !canAfter) continue;
    const before = canBefore && (!canAfter || rng.chance(remaining.beforeAugust / (remaining.beforeAugust + remaining.afterAugust)));
    const contractDate = before ? randomDate(rng, earliest, '2023-07-31') : randomDate(rng, maxDate(earliest, '2023-08-02'), '2023-12-26');
    const mu = m2ToMu(p.areaM2);
    remaining[before ? 'beforeAugust' : 'afterAugust'] -= mu;
    rows.push({
      parcel_code: p.code,
      contract_date: contractDate,
      area_m2: round2(p.areaM2),
      price_wan: round2(mu * rng.range(28, 65)),
      buyer: companyName(rng),
      land_use: rng.weighted({ '100101 一类工业用地': 55, '100102 二类工业用地': 40, '100103 三类工业用地': 5 }),
      town: p.town,
    });
  }
  return rows.sort((a, b) => a.contract_date.localeCompare(b.contract_date) || a.parcel_code.localeCompare(b.parcel_code));
}

const FACTORY_SITES = ['小微企业园', '智造园', '标准厂房园区', '创业园', '产业园'] as const;
const PHASES = ['一', '二', '三', '四'] as const;

/** Standard factory records: completed ones dated in 2023, one from 2022, two still being built. */
export function generateFactories(seed: number, parcels: readonly ParcelRecord[]): FactoryRow[] {
  const rng = new Rng(seed, 'factories');
  const rebuilt = parcels.filter((p) => p.method === '拆除重建' && p.status === '已完成');
  const rows: Omit<FactoryRow, 'code'>[] = [];
  const used = new Set<string>();
  const make = (completedOn: string | null, floorM2 = rng.range(24_000, 92_000)): Omit<FactoryRow, 'code'> => {
    // Half the factories stand on a parcel rebuilt after demolition; the rest on new land.
    const site = rebuilt.length > 0 && rng.chance(0.5) ? rng.pick(rebuilt) : null;
    const town = site?.town ?? rng.pick(TOWN_SEATS).town;
    let name = '';
    for (let attempt = 0; attempt < 50 && (name === '' || used.has(name)); attempt++) {
      name = `${town}${rng.pick(FACTORY_SITES)}${rng.pick(PHASES)}期标准厂房`;
    }
    if (used.has(name)) name = `${town}标准厂房${used.size + 1}号`;
    used.add(name);
    return {
      name,
      parcel_code: site?.code ?? null,
      floor_m2: Math.round(floorM2 / 10) * 10,
      completed_on: completedOn,
      town,
    };
  };
  const fill = (budget: number, from: string, to: string): void => {
    let left = budget;
    while (left > 0) {
      // The last record of a period closes the budget with a small overshoot (≤ 5 %).
      const floor = left < 92_000 ? Math.max(20_000, left * rng.range(1, 1.05)) : undefined;
      const row = make(randomDate(rng, from, to), floor);
      left -= row.floor_m2;
      rows.push(row);
    }
  };
  rows.push(make(randomDate(rng, '2022-06-01', '2022-12-20')));
  fill(FACTORY_BUDGET_M2.beforeAugust, '2023-01-10', '2023-07-31');
  fill(FACTORY_BUDGET_M2.afterAugust, '2023-08-02', '2023-12-20');
  rows.push(make(null), make(null));
  return rows
    .sort((a, b) => (a.completed_on ?? '9999').localeCompare(b.completed_on ?? '9999'))
    .map((r, i) => ({ code: `BZCF-${String(i + 1).padStart(3, '0')}`, ...r }));
}

export function goalRows(): GoalRow[] {
  return GOALS_2023.map((g) => ({ year: g.year, key: g.key, label: g.labelZh, label_en: g.labelEn, target: g.target, unit: g.unit }));
}

/** Month ends of 2023, January … November (renewal investment is reported monthly). */
const MONTH_ENDS = ['2023-01-31', '2023-02-28', '2023-03-31', '2023-04-30', '2023-05-31', '2023-06-30', '2023-07-31', '2023-08-31', '2023-09-30', '2023-10-31', '2023-11-30'] as const;
/** Relative monthly pace: slow around the Spring Festival, faster in the second half. */
const MONTH_PACE = [0.5, 0.45, 0.9, 1, 1, 1.05, 1.05, 1.1, 1.15, 1.2, 1.2] as const;

export function metricEntries(seed: number, zones: readonly ZoneShape[]): MetricEntryRow[] {
  const rng = new Rng(seed, 'metric-entries');
  const rows: MetricEntryRow[] = [
    { key: 'special_bonds', entry_date: '2023-01-18', value: 8.5, unit: '亿元', note: '第一批新增专项债券' },
    { key: 'special_bonds', entry_date: '2023-03-15', value: 12, unit: '亿元', note: '第二批新增专项债券' },
    { key: 'special_bonds', entry_date: '2023-05-22', value: 9.3, unit: '亿元', note: '第三批新增专项债券' },
    { key: 'special_bonds', entry_date: '2023-07-10', value: 6.2, unit: '亿元', note: '第四批新增专项债券' },
    { key: 'special_bonds', entry_date: '2023-09-12', value: 10, unit: '亿元', note: '第五批新增专项债券' },
    { key: 'special_bonds', entry_date: '2023-11-08', value: 6.5, unit: '亿元', note: '第六批新增专项债券' },
    { key: 'upgrade_fund', entry_date: '2023-04-26', value: 5, unit: '亿元', note: '转型升级基金首期出资' },
    { key: 'upgrade_fund', entry_date: '2023-06-30', value: 5, unit: '亿元', note: '转型升级基金二期出资' },
    { key: 'upgrade_fund', entry_date: '2023-10-20', value: 6, unit: '亿元', note: '转型升级基金三期出资' },
    { key: 'upgrade_fund', entry_date: '2023-12-15', value: 4, unit: '亿元', note: '转型升级基金四期出资' },
  ];
  const paceTotal = MONTH_PACE.reduce((s, v) => s + v, 0);
  for (const z of zones) {
    // Each zone reaches 96–102 % of its planned 2023 investment by the end of November.
    const yearly = z.investmentYi * rng.range(0.96, 1.02);
    MONTH_ENDS.forEach((date, m) => {
      const value = Math.round(((yearly * MONTH_PACE[m]!) / paceTotal) * rng.range(0.9, 1.1) * 100) / 100;
      rows.push({ key: 'urban_renewal_investment', entry_date: date, value, unit: '亿元', note: z.name });
    });
  }
  return rows.sort((a, b) => a.entry_date.localeCompare(b.entry_date) || a.key.localeCompare(b.key) || a.note.localeCompare(b.note));
}
