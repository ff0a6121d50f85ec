import '../../styles/dashboard.css';
import { useTranslation } from 'react-i18next';
import type { DashboardBlock } from '../../../../shared/api/dashboard.js';
import { useApi } from '../../api/api-context.js';
import { BlockTable } from './BlockTable.js';
import { formatPercent } from './format.js';
import { GoalCards } from './GoalCards.js';
import { TransferSummary, type TransferGroup } from './TransferSummary.js';
import { TrendChart } from './TrendChart.js';
import { useDashboard } from './use-dashboard.js';
import type { DrillRequest } from './use-drill-down.js';

export interface DashboardViewProps {
  /** Shown; hidden it keeps its year and as-of date but does not load. */
  active: boolean;
  isSample: boolean;
  onBack: () => void;
  /** A figure was clicked: show its parcels on the map. */
  onDrill: (request: DrillRequest) => void;
  report: (err: unknown) => void;
}

/** 仪表盘: the year's goals, trend, block progress and transfers at an as-of date, as one report page. */
export function DashboardView({ active, isSample, onBack, onDrill, report }: DashboardViewProps) {
  const api = useApi();
  const { t } = useTranslation();
  const dash = useDashboard(api, active, report);
  if (!active) return null;
  const d = dash.data;
  const year = d?.goals.year;
  const asOf = d?.goals.asOf;

  const drillBlock = (b: DashboardBlock | null): void => {
    if (year === undefined || asOf === undefined) return;
    onDrill({ year, asOf, by: 'block', key: b?.code ?? null, label: b ? `${b.code} ${b.name ?? ''}`.trim() : t('dashboard.outside') });
  };
  const drillTransfer = (by: TransferGroup, key: string | null): void => {
    if (year === undefined || asOf === undefined) return;
    onDrill({ year, asOf, by, key, measure: 'transferred', label: key ?? t('dashboard.notFilled') });
  };

  return (
    <div className="dashboard" data-testid="dashboard-view" aria-busy={dash.loading} data-loading={dash.loading}>
      <div className="dash-header">
        <div className="dash-heading">
          <h1 className="dash-title">
            {t('dashboard.title')}
            {year !== undefined && <span className="dash-year">({year})</span>}
            {isSample && <span className="dash-sample">{t('dashboard.sample')}</span>}
          </h1>
          {d && <p className="dash-subtitle">{t('dashboard.subtitle', { asOf: d.goals.asOf, time: formatPercent(d.goals.timeProgress) })}</p>}
        </div>
        <div className="dash-controls">
          <label className="dash-field">
            <span>{t('dashboard.year')}</span>
            <select data-testid="dashboard-year" value={year ?? ''} onChange={(e) => dash.setYear(Number(e.target.value))} disabled={!d}>
              {(d?.years ?? []).map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <label className="dash-field">
            <span>{t('dashboard.asOf')}</span>
            <input
              type="date"
              data-testid="dashboard-asof"
              value={asOf ?? ''}
              min={year !== undefined ? `${year}-01-01` : undefined}
              max={year !== undefined ? `${year}-12-31` : undefined}
              onChange={(e) => dash.setAsOf(e.target.value)}
              disabled={!d}
            />
          </label>
          <button type="button" className="dash-button" data-testid="export-xlsx" disabled={!d || dash.exporting !== null} onClick={() => dash.exportFile('xlsx')}>
            {dash.exporting === 'xlsx' ? t('dashboard.exporting') : t('dashboard.exportXlsx')}
          </button>
          <button type="button" className="dash-button" data-testid="export-csv" disabled={!d || dash.exporting !== null} onClick={() => dash.exportFile('csv')}>
            {dash.exporting === 'csv' ? t('dashboard.exporting') : t('dashboard.exportCsv')}
          </button>
          <button type="button" className="dash-button primary" data-testid="back-to-map" onClick={onBack}>
            {t('dashboard.backToMap')}
          </button>
        </div>
      </div>
      {!d ? (
        <p className="dash-loading muted">{t('dashboard.loading')}</p>
      ) : (
        <div className="dash-body">
          <GoalCards report={d.goals} onScheme={dash.setScheme} />
          <div className="dash-columns">
            <section className="dash-section dash-trend" aria-labelledby="dash-trend-title">
              <h2 id="dash-trend-title" className="dash-section-title">
                {t('dashboard.trendTitle')}
              </h2>
              <TrendChart monthly={d.monthly} asOf={d.goals.asOf} />
            </section>
            <section className="dash-section dash-transfers" aria-labelledby="dash-transfers-title">
              <h2 id="dash-transfers-title" className="dash-section-title">
                {t('dashboard.transfersTitle')}
              </h2>
              <TransferSummary transfers={d.transfers} onDrill={(by, row) => drillTransfer(by, row.key)} />
            </section>
          </div>
          <section className="dash-section" aria-labelledby="dash-blocks-title">
            <div className="dash-section-head">
              <h2 id="dash-blocks-title" className="dash-section-title">
                {t('dashboard.blocksTitle')}
              </h2>
              <span className="muted dash-hint">{t('dashboard.blocksHint')}</span>
            </div>
            <BlockTable blocks={d.blocks} unassigned={d.unassigned} timeProgress={d.goals.timeProgress} onDrill={drillBlock} />
          </section>
        </div>
      )}
    </div>
  );
}
