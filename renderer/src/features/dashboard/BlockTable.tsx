import { useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardBlock, DashboardUnassigned } from '../../../../shared/api/dashboard.js';
import { blockTotals } from './block-totals.js';
import { BlockFigureCells } from './BlockFigureCells.js';
import { BLOCK_COLUMNS, nextSort, sortBlocks, type BlockColumn, type BlockSort } from './block-sort.js';
import { formatPercent } from './format.js';

const HEADER_KEYS = {
  code: 'dashboard.colCode',
  name: 'dashboard.colName',
  parcels: 'dashboard.colParcels',
  remediatedMu: 'dashboard.colRemediated',
  targetMu: 'dashboard.colTarget',
  progress: 'dashboard.colProgress',
} as const satisfies Record<BlockColumn, string>;

const NUMERIC: ReadonlySet<BlockColumn> = new Set(['parcels', 'remediatedMu', 'targetMu', 'progress']);

export interface BlockTableProps {
  blocks: DashboardBlock[];
  unassigned: DashboardUnassigned;
  timeProgress: number;
  onDrill: (block: DashboardBlock | null) => void;
}

/** Progress by key block: sortable by any column; a click on a row shows its parcels on the map. */
export function BlockTable({ blocks, unassigned, timeProgress, onDrill }: BlockTableProps) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<BlockSort>({ column: 'code', dir: 'asc' });
  const rows = useMemo(() => sortBlocks(blocks, sort), [blocks, sort]);
  // Sums from unrounded m², converted once (the briefing prints the same totals).
  const totals = blockTotals(blocks, unassigned);
  const drill = (b: DashboardBlock | null) => (e: KeyboardEvent | MouseEvent) => {
    if ('key' in e && e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    onDrill(b);
  };

  return (
    <table className="dash-table block-table" data-testid="block-table">
      <thead>
        <tr>
          {BLOCK_COLUMNS.map((c) => (
            <th
              key={c}
              className={NUMERIC.has(c) ? 'num sortable' : 'sortable'}
              aria-sort={sort.column === c ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
              data-testid="block-sort"
              data-column={c}
            >
              <button type="button" className="sort-button" onClick={() => setSort((s) => nextSort(s, c))}>
                {t(HEADER_KEYS[c])}
                <span className="sort-mark" aria-hidden="true">
                  {sort.column === c ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                </span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={6} className="muted">
              {t('dashboard.noBlocks')}
            </td>
          </tr>
        )}
        {rows.map((b) => (
          <tr key={b.code} className="drill-row" data-testid="block-row" data-code={b.code} tabIndex={0} onClick={drill(b)} onKeyDown={drill(b)} title={t('dashboard.blocksHint')}>
            <td className="mono">{b.code}</td>
            <td>{b.name ?? ''}</td>
            <BlockFigureCells
              parcels={b.parcels}
              remediatedMu={b.remediatedMu}
              targetMu={b.targetMu}
              progress={<ProgressCell progress={b.progress} timeProgress={timeProgress} />}
              progressClassName="num progress-cell"
              muAttributes={{ 'data-testid': 'block-remediated-mu', 'data-mu': b.remediatedMu }}
            />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-testid="block-subtotal">
          <td />
          <td>{t('dashboard.subtotal')}</td>
          <BlockFigureCells parcels={totals.parcels} remediatedMu={totals.remediatedMu} targetMu={totals.targetMu} progress={<ProgressCell progress={totals.progress} timeProgress={timeProgress} />} />
        </tr>
        <tr className="drill-row" data-testid="block-outside" tabIndex={0} onClick={drill(null)} onKeyDown={drill(null)}>
          <td />
          <td>{t('dashboard.outside')}</td>
          <BlockFigureCells parcels={unassigned.parcels} remediatedMu={unassigned.remediatedMu} targetMu={null} progress="—" />
        </tr>
        <tr className="total-row" data-testid="block-total">
          <td />
          <td>{t('dashboard.total')}</td>
          <BlockFigureCells parcels={totals.allParcels} remediatedMu={totals.allRemediatedMu} targetMu={null} progress="—" muAttributes={{ 'data-testid': 'block-total-mu' }} />
        </tr>
      </tfoot>
    </table>
  );
}

function ProgressCell({ progress, timeProgress }: { progress: number | null; timeProgress: number }) {
  if (progress === null) return <>—</>;
  const behind = progress < timeProgress;
  return (
    <span className="mini-progress">
      <span className="mini-bar" aria-hidden="true">
        <span className={behind ? 'mini-fill behind' : 'mini-fill'} style={{ width: `${Math.min(progress, 1) * 100}%` }} />
        <span className="mini-marker" style={{ left: `${Math.min(timeProgress, 1) * 100}%` }} />
      </span>
      <span className="mini-text">{formatPercent(progress)}</span>
    </span>
  );
}
