/**
 * Totals of a generated sample, as the planner would tally them (DESIGN §4): remediated area
 * counts parcels 已完成 in the year by completion date, transfers by contract date; areas are
 * ellipsoidal and summed unrounded. Used by the build script's printout and by the tests.
 */
import type { LayerId } from '../../shared/api/layers.js';
import { ellipsoidalAreaM2 } from '../../shared/domain/area.js';
import { m2ToMu } from '../../shared/domain/units.js';
import type { SampleData } from './index.js';

export interface ToDate {
  /** Up to and including the as-of date, within the year. */
  asOf: number;
  /** The whole year. */
  year: number;
}

export interface SampleSummary {
  asOf: string;
  counts: Record<LayerId | 'transfers' | 'factories' | 'goals' | 'metricEntries', number>;
  parcelAreaMu: number;
  statusCounts: Record<string, number>;
  remediatedMu: ToDate;
  remediatedMuPreviousYears: number;
  transferredMu: ToDate;
  factoryFloorM2: ToDate;
  specialBondsYi: ToDate;
  upgradeFundYi: ToDate;
  renewalInvestmentYi: ToDate;
  bigProjects: ToDate;
}

function toDate(items: readonly { date: string | null; value: number }[], year: number, asOf: string): ToDate {
  const inYear = items.filter((i) => i.date !== null && i.date.startsWith(`${year}-`));
  return {
    asOf: inYear.filter((i) => i.date! <= asOf).reduce((s, i) => s + i.value, 0),
    year: inYear.reduce((s, i) => s + i.value, 0),
  };
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

export function summarizeSample(data: SampleData, asOf = '2023-08-01'): SampleSummary {
  const year = Number(asOf.slice(0, 4));
  const parcels = data.layers.parcels.map((f) => ({ p: f.properties, areaM2: ellipsoidalAreaM2(f.geometry) }));
  const done = parcels.filter((x) => x.p.status === '已完成').map((x) => ({ date: str(x.p.completed_on), value: m2ToMu(x.areaM2) }));
  const statusCounts: Record<string, number> = {};
  for (const x of parcels) {
    const s = str(x.p.status) ?? '(空)';
    statusCounts[s] = (statusCounts[s] ?? 0) + 1;
  }
  const metric = (key: string): ToDate =>
    toDate(data.metricEntries.filter((e) => e.key === key).map((e) => ({ date: e.entry_date, value: e.value })), year, asOf);
  const counts = Object.fromEntries(Object.entries(data.layers).map(([k, v]) => [k, v.length])) as Record<LayerId, number>;
  return {
    asOf,
    counts: { ...counts, transfers: data.transfers.length, factories: data.factories.length, goals: data.goals.length, metricEntries: data.metricEntries.length },
    parcelAreaMu: m2ToMu(parcels.reduce((s, x) => s + x.areaM2, 0)),
    statusCounts,
    remediatedMu: toDate(done, year, asOf),
    remediatedMuPreviousYears: done.filter((d) => d.date !== null && d.date < `${year}-01-01`).reduce((s, d) => s + d.value, 0),
    transferredMu: toDate(data.transfers.map((t) => ({ date: t.contract_date, value: m2ToMu(t.area_m2) })), year, asOf),
    factoryFloorM2: toDate(data.factories.map((f) => ({ date: f.completed_on, value: f.floor_m2 })), year, asOf),
    specialBondsYi: metric('special_bonds'),
    upgradeFundYi: metric('upgrade_fund'),
    renewalInvestmentYi: metric('urban_renewal_investment'),
    bigProjects: toDate(
      data.layers.projects
        .filter((f) => typeof f.properties.investment_yi === 'number' && f.properties.investment_yi >= 10)
        .map((f) => ({ date: str(f.properties.landed_on), value: 1 })),
      year,
      asOf,
    ),
  };
}
