/**
 * Remediation status, method and completion date per parcel. Area budgets (in 亩, against the
 * 2023 goal of 5000 亩) make the sample tell the plan's story: about 60 % of the goal done by
 * 2023-08-01, the goal met by year end, a few parcels finished in 2022 (which must not count for
 * 2023), and a share still in progress. 老长城区块 and 九里山区块 only start in 2023.
 */
import { m2ToMu } from '../../shared/domain/units.js';
import type { BlockShape } from './blocks.js';
import { addDays, maxDate, randomDate } from './dates.js';
import type { Rng } from './prng.js';

export type RemediationStatus = '未启动' | '整治中' | '已完成';
export type RemediationMethod = '拆除重建' | '改造提升' | '腾退收储' | '出村入园' | '企业自主改造';

export interface RemediationTarget {
  areaM2: number;
  block: BlockShape | null;
}

export interface Remediation {
  status: RemediationStatus;
  method: RemediationMethod | null;
  completedOn: string | null;
}

/** Budgets in 亩 for a 3000-parcel sample; smaller samples scale them down. */
export const REMEDIATION_BUDGET_MU = {
  doneBeforeAugust: 3000,
  doneAfterAugust: 2350,
  done2022: 420,
  inProgress: 2600,
} as const;

type Bucket = keyof typeof REMEDIATION_BUDGET_MU;

const AS_OF_AUGUST = '2023-08-01';

interface Window {
  from: string;
  to: string;
}

function bucketWindow(bucket: Bucket, block: BlockShape | null): Window | null {
  const start = block ? block.startedOn : '2019-01-01';
  let w: Window;
  switch (bucket) {
    case 'doneBeforeAugust':
      w = { from: maxDate('2023-01-04', addDays(start, 45)), to: addDays(AS_OF_AUGUST, -1) };
      break;
    case 'doneAfterAugust':
      w = { from: maxDate(addDays(AS_OF_AUGUST, 1), addDays(start, 45)), to: '2023-12-22' };
      break;
    case 'done2022':
      w = { from: maxDate('2022-02-15', addDays(start, 60)), to: '2022-12-28' };
      break;
    case 'inProgress':
      w = { from: start, to: start };
      break;
  }
  return w.from <= w.to ? w : null;
}

function methodFor(rng: Rng, inBlock: boolean): RemediationMethod {
  return inBlock
    ? rng.weighted({ 拆除重建: 30, 改造提升: 30, 腾退收储: 20, 企业自主改造: 15, 出村入园: 5 })
    : rng.weighted({ 出村入园: 40, 企业自主改造: 40, 改造提升: 20, 拆除重建: 0, 腾退收储: 0 });
}

/**
 * Assigns statuses by walking the parcels in a weighted random order (parcels in long-running
 * blocks first) and filling the area budgets; whatever is left has not started.
 */
export function assignRemediation<T extends RemediationTarget>(rng: Rng, parcels: readonly T[], scale: number): Map<T, Remediation> {
  const remaining: Record<Bucket, number> = {
    doneBeforeAugust: REMEDIATION_BUDGET_MU.doneBeforeAugust * scale,
    doneAfterAugust: REMEDIATION_BUDGET_MU.doneAfterAugust * scale,
    done2022: REMEDIATION_BUDGET_MU.done2022 * scale,
    inProgress: REMEDIATION_BUDGET_MU.inProgress * scale,
  };
  const result = new Map<T, Remediation>();
  const buckets = Object.keys(remaining) as Bucket[];
  // Windows depend only on the block: compute them once per block, not per parcel.
  const windows = new Map<BlockShape | null, Record<Bucket, Window | null>>();
  const windowsOf = (block: BlockShape | null): Record<Bucket, Window | null> => {
    let w = windows.get(block);
    if (!w) {
      w = Object.fromEntries(buckets.map((b) => [b, bucketWindow(b, block)])) as Record<Bucket, Window | null>;
      windows.set(block, w);
    }
    return w;
  };
  const order = rng.weightedOrder(parcels, (p) => (p.block ? (p.block.startedOn >= '2023-01-01' ? 1.5 : 3) : 0.5));
  for (const p of order) {
    const pw = windowsOf(p.block);
    const open = buckets.filter((b) => remaining[b] > 0 && pw[b] !== null);
    if (open.length === 0) {
      const planned = p.block !== null && rng.chance(0.6);
      result.set(p, { status: '未启动', method: planned ? methodFor(rng, true) : null, completedOn: null });
      continue;
    }
    const weights = Object.fromEntries(open.map((b) => [b, remaining[b]])) as Record<Bucket, number>;
    const bucket = rng.weighted(weights);
    remaining[bucket] -= m2ToMu(p.areaM2);
    const method = methodFor(rng, p.block !== null);
    if (bucket === 'inProgress') {
      result.set(p, { status: '整治中', method, completedOn: null });
    } else {
      const w = pw[bucket]!;
      result.set(p, { status: '已完成', method, completedOn: randomDate(rng, w.from, w.to, bucket === 'doneBeforeAugust' ? 1.3 : 1) });
    }
  }
  return result;
}
