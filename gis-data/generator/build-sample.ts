/**
 * Builds the embedded sample project (示例数据):
 *   npx tsx gis-data/generator/build-sample.ts [--out PATH] [--parcels N] [--seed S]
 * Default output gis-data/sample/yongkang-sample.gpkg. Prints counts and totals.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DEFAULT_PARCEL_COUNT, DEFAULT_SEED } from './index.js';
import type { SampleSummary } from './summary.js';
import { DEFAULT_SAMPLE_OUT, writeSampleProject } from './write-sample.js';

const USAGE = 'usage: tsx gis-data/generator/build-sample.ts [--out PATH] [--parcels N] [--seed S]';

function integerArg(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got "${value}"\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

function fmt(v: number, digits = 2): string {
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function printSummary(out: string, s: SampleSummary, ms: number): void {
  const pct = (v: number, target: number): string => `${fmt((100 * v) / target, 1)} %`;
  const rows: [string, string][] = [
    ['file', out],
    ['built in', `${fmt(ms / 1000, 1)} s`],
    ...Object.entries(s.counts).map(([k, v]) => [k, String(v)] as [string, string]),
    ['parcel area', `${fmt(s.parcelAreaMu)} 亩 (${fmt(s.parcelAreaMu / 1500, 2)} km²; 1 km² = 1500 亩)`],
    ['parcel statuses', Object.entries(s.statusCounts).map(([k, v]) => `${k} ${v}`).join(', ')],
    [`remediated 2023 to ${s.asOf}`, `${fmt(s.remediatedMu.asOf)} 亩 (${pct(s.remediatedMu.asOf, 5000)} of 5000)`],
    ['remediated 2023 whole year', `${fmt(s.remediatedMu.year)} 亩`],
    ['remediated in earlier years', `${fmt(s.remediatedMuPreviousYears)} 亩 (not counted for 2023)`],
    [`transferred to ${s.asOf}`, `${fmt(s.transferredMu.asOf)} 亩 (${pct(s.transferredMu.asOf, 1400)} of 1400)`],
    ['transferred whole year', `${fmt(s.transferredMu.year)} 亩`],
    [`factory floor to ${s.asOf}`, `${fmt(s.factoryFloorM2.asOf, 0)} m² (${pct(s.factoryFloorM2.asOf, 1_000_000)} of 1,000,000)`],
    ['factory floor whole year', `${fmt(s.factoryFloorM2.year, 0)} m²`],
    [`renewal investment to ${s.asOf}`, `${fmt(s.renewalInvestmentYi.asOf)} 亿元 (year ${fmt(s.renewalInvestmentYi.year)})`],
    [`special bonds to ${s.asOf}`, `${fmt(s.specialBondsYi.asOf)} 亿元 (year ${fmt(s.specialBondsYi.year)})`],
    [`upgrade fund to ${s.asOf}`, `${fmt(s.upgradeFundYi.asOf)} 亿元 (year ${fmt(s.upgradeFundYi.year)})`],
    [`projects ≥ 10 亿元 to ${s.asOf}`, `${s.bigProjects.asOf} (year ${s.bigProjects.year})`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      parcels: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const out = values.out ?? DEFAULT_SAMPLE_OUT;
  const parcelCount = integerArg('parcels', values.parcels, DEFAULT_PARCEL_COUNT);
  const seed = integerArg('seed', values.seed, DEFAULT_SEED);
  const t0 = performance.now();
  const summary = writeSampleProject(out, { seed, parcelCount });
  printSummary(out, summary, performance.now() - t0);
}

main();
