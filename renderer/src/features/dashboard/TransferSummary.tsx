import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferTotal, TransferTotals } from '../../../../shared/api/dashboard.js';
import { formatCount, formatMu } from '../../i18n/format.js';

const TABS = [
  ['town', 'byTown', 'dashboard.byTown'],
  ['use', 'byUse', 'dashboard.byUse'],
  ['month', 'byMonth', 'dashboard.byMonth'],
] as const;
export type TransferGroup = (typeof TABS)[number][0];

export interface TransferSummaryProps {
  transfers: TransferTotals;
  onDrill: (by: TransferGroup, row: TransferTotal) => void;
}

/** 出让汇总: transfer records up to the as-of date by town, land use or month; a row drills to its parcels. */
export function TransferSummary({ transfers, onDrill }: TransferSummaryProps) {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState<TransferGroup>('town');
  const current = TABS.find(([id]) => id === tab) ?? TABS[0];
  const rows = transfers[current[1]];
  return (
    <div className="transfer-summary" data-testid="transfer-summary">
      <div className="tabs" role="tablist">
        {TABS.map(([id, , label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'tab active' : 'tab'} data-testid="transfer-tab" data-group={id} onClick={() => setTab(id)}>
            {t(label)}
          </button>
        ))}
      </div>
      <div className="transfer-scroll">
        <table className="dash-table compact">
          <thead>
            <tr>
              <th>{t(current[2])}</th>
              <th className="num">{t('dashboard.count')}</th>
              <th className="num">{t('dashboard.area')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  {t('dashboard.noTransfers')}
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.key ?? ''} className="drill-row" data-testid="transfer-row" data-key={r.key ?? ''} tabIndex={0} onClick={() => onDrill(tab, r)} onKeyDown={(e) => e.key === 'Enter' && onDrill(tab, r)}>
                <td>{r.key ?? <span className="muted">{t('dashboard.notFilled')}</span>}</td>
                <td className="num">{formatCount(r.count, i18n.language)}</td>
                <td className="num">{formatMu(r.areaMu)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="total-row">
              <td>{t('dashboard.total')}</td>
              <td className="num">{formatCount(transfers.total.count, i18n.language)}</td>
              <td className="num" data-testid="transfer-total-mu">
                {formatMu(transfers.total.areaMu)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
