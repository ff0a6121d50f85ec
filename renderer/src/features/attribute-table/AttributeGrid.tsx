import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttributeColumn, AttributeRow, AttributeSort } from '../../../../shared/api/attribute-table.js';
import { columnWidth, formatCell, numberFormat } from './table-query.js';
import type { AttributePages } from './use-attribute-pages.js';
import { scrollTopFor, visibleRange } from './windowing.js';

/** Fixed heights (CSS px): every row is as tall as every other, so row i is at i × ROW_HEIGHT. */
export const ROW_HEIGHT = 26;
export const HEADER_HEIGHT = 30;
const INDEX_WIDTH = 64;

/** Scroll so that row `index` is in view; a new object (even for the same row) scrolls again. */
export interface ScrollRequest {
  index: number;
}

export interface AttributeGridProps {
  columns: readonly AttributeColumn[];
  pages: AttributePages;
  /** Features highlighted as selected (the map's selection on this layer). */
  selected: ReadonlySet<number>;
  /** The row the keyboard moves from (the last clicked or located). */
  activeIndex: number | null;
  sort: AttributeSort | undefined;
  onSort(column: string): void;
  onRowClick(row: AttributeRow, index: number, additive: boolean): void;
  scrollRequest: ScrollRequest | null;
  /** Changes when the query changes: back to the top. */
  resetKey: string;
}

/**
 * The table itself: a sticky header and the rows in view only (windowing.ts). Rows not yet read
 * show as blank placeholders until their page arrives. ↑/↓ move the selection row by row.
 */
export function AttributeGrid({ columns, pages, selected, activeIndex, sort, onSort, onRowClick, scrollRequest, resetKey }: AttributeGridProps) {
  const { t, i18n } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 0 });
  const total = pages.total ?? 0;
  const template = useMemo(() => `${INDEX_WIDTH}px ${columns.map((c) => `${columnWidth(c)}px`).join(' ')}`, [columns]);
  const width = useMemo(() => INDEX_WIDTH + columns.reduce((w, c) => w + columnWidth(c), 0), [columns]);
  const formats = useMemo(() => {
    const byDecimals = new Map<number, Intl.NumberFormat>();
    for (const c of columns) if (c.decimals !== undefined && !byDecimals.has(c.decimals)) byDecimals.set(c.decimals, numberFormat(i18n.language, c.decimals));
    return byDecimals;
  }, [columns, i18n.language]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return undefined;
    const measure = (): void => setView({ top: el.scrollTop, height: Math.max(0, el.clientHeight - HEADER_HEIGHT) });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A new query starts at the top.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el) el.scrollTop = 0;
    setView((v) => ({ ...v, top: 0 }));
  }, [resetKey]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !scrollRequest) return;
    const height = Math.max(0, el.clientHeight - HEADER_HEIGHT);
    const top = scrollTopFor(scrollRequest.index, el.scrollTop, height, ROW_HEIGHT, Math.max(total, scrollRequest.index + 1));
    if (top !== el.scrollTop) el.scrollTop = top;
    setView({ top, height });
    // Follows the request only (not `total`): a request scrolls once.
  }, [scrollRequest]);

  const range = visibleRange(view.top, view.height, ROW_HEIGHT, total);
  const { ensure, version } = pages;
  useEffect(() => ensure({ first: range.first, end: range.end }), [ensure, range.first, range.end, version]);

  const onScroll = (): void => {
    const el = scrollRef.current;
    if (el) setView({ top: el.scrollTop, height: Math.max(0, el.clientHeight - HEADER_HEIGHT) });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if ((e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || total === 0) return;
    e.preventDefault();
    const next = activeIndex === null ? 0 : Math.min(total - 1, Math.max(0, activeIndex + (e.key === 'ArrowDown' ? 1 : -1)));
    const row = pages.rowAt(next);
    if (row) onRowClick(row, next, false);
  };

  const rows = [];
  for (let i = range.first; i < range.end; i++) {
    const row = pages.rowAt(i);
    const top = i * ROW_HEIGHT;
    if (!row) {
      rows.push(<div key={`p${i}`} className="at-row at-row-pending" role="row" aria-rowindex={i + 2} style={{ top, gridTemplateColumns: template }} data-index={i} />);
      continue;
    }
    const isSelected = selected.has(row.fid);
    rows.push(
      <div
        key={row.fid}
        role="row"
        aria-rowindex={i + 2}
        aria-selected={isSelected}
        className={isSelected ? 'at-row at-row-selected' : i % 2 === 1 ? 'at-row at-row-odd' : 'at-row'}
        style={{ top, gridTemplateColumns: template }}
        data-testid="attribute-row"
        data-fid={row.fid}
        data-index={i}
        data-selected={isSelected}
        onClick={(e) => onRowClick(row, i, e.shiftKey)}
      >
        <div className="at-cell at-index" role="rowheader">
          {i + 1}
        </div>
        {columns.map((c, ci) => (
          <div key={c.key} role="gridcell" className={c.kind === 'number' ? 'at-cell num' : 'at-cell'} data-key={c.key} title={formatCell(c, row.values[ci], null)}>
            {formatCell(c, row.values[ci], c.decimals === undefined ? null : (formats.get(c.decimals) ?? null))}
          </div>
        ))}
      </div>,
    );
  }

  return (
    <div
      ref={scrollRef}
      className="at-scroll"
      role="grid"
      aria-rowcount={total + 1}
      aria-colcount={columns.length + 1}
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      data-testid="attribute-grid"
      data-total={pages.loading ? '' : (pages.total ?? '')}
      data-loading={pages.loading}
      data-first={range.first}
      data-rendered={range.end - range.first}
    >
      <div className="at-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, width, height: HEADER_HEIGHT }}>
        <div className="at-cell at-index" role="columnheader">
          #
        </div>
        {columns.map((c) => {
          const dir = sort?.column === c.key ? sort.dir : null;
          const label = i18n.language === 'en' ? c.en : c.zh;
          return (
            <button
              key={c.key}
              type="button"
              role="columnheader"
              aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
              className={c.kind === 'number' ? 'at-cell at-head num' : 'at-cell at-head'}
              data-testid="attribute-header"
              data-key={c.key}
              data-sort={dir ?? ''}
              title={`${label} · ${t('attributeTable.sortHint')}`}
              onClick={() => onSort(c.key)}
            >
              <span className="at-head-label">{label}</span>
              {dir && <span className={`at-sort at-sort-${dir}`} aria-label={t(dir === 'asc' ? 'attributeTable.sortAsc' : 'attributeTable.sortDesc')} />}
            </button>
          );
        })}
      </div>
      <div className="at-body" style={{ height: total * ROW_HEIGHT, width }}>
        {rows}
      </div>
      {pages.total === 0 && !pages.loading && <div className="at-empty">{t('attributeTable.empty')}</div>}
    </div>
  );
}
