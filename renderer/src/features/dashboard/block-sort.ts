import type { DashboardBlock } from '../../../../shared/api/dashboard.js';

export const BLOCK_COLUMNS = ['code', 'name', 'parcels', 'remediatedMu', 'targetMu', 'progress'] as const;
export type BlockColumn = (typeof BLOCK_COLUMNS)[number];
export interface BlockSort {
  column: BlockColumn;
  dir: 'asc' | 'desc';
}

/** Sorted copy of the block rows; blanks (no name, no target) always last, ties by code. */
export function sortBlocks(rows: readonly DashboardBlock[], sort: BlockSort): DashboardBlock[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = a[sort.column];
    const vb = b[sort.column];
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    let c = 0;
    if (typeof va === 'number' && typeof vb === 'number') c = va - vb;
    else if (typeof va === 'string' && typeof vb === 'string') c = va.localeCompare(vb, 'zh-CN');
    return c !== 0 ? c * sign : a.code.localeCompare(b.code);
  });
}

/** A click on a header: the same column flips direction; a new one starts descending for numbers. */
export function nextSort(current: BlockSort, column: BlockColumn): BlockSort {
  if (current.column === column) return { column, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { column, dir: column === 'code' || column === 'name' ? 'asc' : 'desc' };
}
