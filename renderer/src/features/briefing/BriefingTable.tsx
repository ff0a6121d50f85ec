import { useTranslation } from 'react-i18next';
import type { DashboardBlock, DashboardUnassigned } from '../../../../shared/api/dashboard.js';
import { BlockFigureCells } from '../dashboard/BlockFigureCells.js';
import { formatPercent } from '../dashboard/format.js';
import { blockTotals } from './briefing-model.js';

export interface BriefingTableProps {
  blocks: readonly DashboardBlock[];
  unassigned: DashboardUnassigned;
  timeProgress: number;
  /** A block page: this block's row is marked. */
  current?: string | null;
}

function Progress({ progress, timeProgress }: { progress: number | null; timeProgress: number }) {
  if (progress === null) return <>—</>;
  return <span className={progress < timeProgress ? 'brief-behind' : undefined}>{formatPercent(progress)}</span>;
}

/**
 * The dashboard's block table for print: the same rows (every key block, by code), the same
 * columns and formats (mu to 2 decimals, progress to 2 decimals of a percent) and the same
 * subtotal / outside / total rows, from the same `dashboard` numbers.
 */
export function BriefingTable({ blocks, unassigned, timeProgress, current = null }: BriefingTableProps) {
  const { t } = useTranslation();
  const totals = blockTotals(blocks, unassigned);
  return (
    <table className="brief-table" data-testid="briefing-block-table">
      <thead>
        <tr>
          <th>{t('dashboard.colCode')}</th>
          <th>{t('dashboard.colName')}</th>
          <th className="num">{t('dashboard.colParcels')}</th>
          <th className="num">{t('dashboard.colRemediated')}</th>
          <th className="num">{t('dashboard.colTarget')}</th>
          <th className="num">{t('dashboard.colProgress')}</th>
        </tr>
      </thead>
      <tbody>
        {blocks.map((b) => (
          <tr key={b.code} data-testid="briefing-block-row" data-code={b.code} className={b.code === current ? 'brief-current' : undefined}>
            <td className="code">{b.code}</td>
            <td>{b.name ?? ''}</td>
            <BlockFigureCells parcels={b.parcels} remediatedMu={b.remediatedMu} targetMu={b.targetMu} progress={<Progress progress={b.progress} timeProgress={timeProgress} />} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td />
          <td>{t('dashboard.subtotal')}</td>
          <BlockFigureCells parcels={totals.parcels} remediatedMu={totals.remediatedMu} targetMu={totals.targetMu} progress={<Progress progress={totals.progress} timeProgress={timeProgress} />} />
        </tr>
        <tr>
          <td />
          <td>{t('dashboard.outside')}</td>
          <BlockFigureCells parcels={unassigned.parcels} remediatedMu={unassigned.remediatedMu} targetMu={null} progress="—" />
        </tr>
        <tr className="brief-total">
          <td />
          <td>{t('dashboard.total')}</td>
          <BlockFigureCells parcels={totals.allParcels} remediatedMu={totals.allRemediatedMu} targetMu={null} progress="—" />
        </tr>
      </tfoot>
    </table>
  );
}
