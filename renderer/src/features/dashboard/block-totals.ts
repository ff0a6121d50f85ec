import type { DashboardBlock, DashboardUnassigned } from '../../../../shared/api/dashboard.js';
import { m2ToMu } from '../../../../shared/domain/units.js';

export interface BlockTotals {
  /** Sum over the key blocks. */
  parcels: number;
  remediatedMu: number;
  targetMu: number | null;
  progress: number | null;
  /** Blocks plus parcels outside any block (equals the remediation goal's achieved value). */
  allParcels: number;
  allRemediatedMu: number;
}

/** The block table's subtotal and total rows, as the dashboard computes them: sums of unrounded m², converted once. */
export function blockTotals(blocks: readonly DashboardBlock[], unassigned: DashboardUnassigned): BlockTotals {
  const m2 = blocks.reduce((s, b) => s + b.remediatedM2, 0);
  const remediatedMu = m2ToMu(m2);
  const targets = blocks.filter((b) => b.targetMu !== null).map((b) => b.targetMu ?? 0);
  const targetMu = targets.length > 0 ? targets.reduce((s, v) => s + v, 0) : null;
  const parcels = blocks.reduce((s, b) => s + b.parcels, 0);
  return {
    parcels,
    remediatedMu,
    targetMu,
    progress: targetMu !== null && targetMu > 0 ? remediatedMu / targetMu : null,
    allParcels: parcels + unassigned.parcels,
    allRemediatedMu: m2ToMu(m2 + unassigned.remediatedM2),
  };
}
