/**
 * Windowing for a table of fixed-height rows: only the rows in view (and a few around them) are
 * rendered; a spacer as tall as every row keeps the scroll bar honest. Pure arithmetic, tested alone.
 */

/** Rows fetched per request: a page covers several screens of rows. */
export const PAGE_SIZE = 100;

export interface RowRange {
  /** First row index rendered (inclusive). */
  first: number;
  /** Last row index rendered (exclusive). */
  end: number;
}

/** The rows meeting the viewport, grown by `overscan` rows each way, within [0, total). */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, total: number, overscan = 8): RowRange {
  if (total <= 0 || rowHeight <= 0) return { first: 0, end: 0 };
  // A scroll position past the end (the rows just shrank) shows the last rows.
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, total * rowHeight - viewportHeight));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const end = Math.min(total, Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight) + overscan);
  return { first, end };
}

/** The pages (index × PAGE_SIZE) holding rows [first, end). */
export function pagesOf(range: RowRange, pageSize = PAGE_SIZE): number[] {
  if (range.end <= range.first) return [];
  const pages: number[] = [];
  for (let p = Math.floor(range.first / pageSize); p <= Math.floor((range.end - 1) / pageSize); p++) pages.push(p);
  return pages;
}

/**
 * The scrollTop that shows row `index`: unchanged when the row is already wholly in view, else
 * the row centred (a row picked on the map lands in the middle, not at an edge).
 */
export function scrollTopFor(index: number, scrollTop: number, viewportHeight: number, rowHeight: number, total: number): number {
  const rowTop = index * rowHeight;
  if (rowTop >= scrollTop && rowTop + rowHeight <= scrollTop + viewportHeight) return scrollTop;
  const centred = rowTop - (viewportHeight - rowHeight) / 2;
  const max = Math.max(0, total * rowHeight - viewportHeight);
  return Math.round(Math.min(max, Math.max(0, centred)));
}
