import { useTranslation } from 'react-i18next';
import type { DashboardBlock } from '../../../../shared/api/dashboard.js';
import type { GoalProgress, GoalsReport } from '../../../../shared/api/goals.js';
import { GOAL_SCHEME_LABELS, GOAL_STATUS_LABELS, goalColor } from '../../../../shared/domain/goal-colors.js';
import { goalStatus } from '../../../../shared/domain/goals.js';
import { formatCount, formatMu } from '../../i18n/format.js';
import { formatGoalValue, formatPercent } from '../dashboard/format.js';

function Bar({ progress, timeProgress, color }: { progress: number; timeProgress: number; color: string }) {
  return (
    <div className="kpi-bar" aria-hidden="true">
      <div className="kpi-bar-fill" style={{ width: `${Math.max(0, Math.min(progress, 1)) * 100}%`, background: color }} />
      <div className="kpi-bar-marker" style={{ left: `${Math.max(0, Math.min(timeProgress, 1)) * 100}%` }} />
    </div>
  );
}

function GoalTile({ goal, timeProgress }: { goal: GoalProgress; timeProgress: number }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const status = GOAL_STATUS_LABELS[goal.status];
  return (
    <article className="kpi" data-testid="briefing-kpi" data-key={goal.key} data-status={goal.status} style={{ borderLeftColor: goal.color }}>
      <header className="kpi-head">
        <span className="kpi-label">{en && goal.labelEn ? goal.labelEn : goal.label}</span>
        <span className="kpi-status" style={{ background: goal.color }}>
          {en ? status.en : status.zh}
        </span>
      </header>
      <div className="kpi-figure">
        <span className="kpi-amount">
          <b className="kpi-value">{formatGoalValue(goal.achieved, goal.unit, i18n.language)}</b>
          <span className="kpi-target">
            {' '}/ {formatGoalValue(goal.target, goal.unit, i18n.language)} {goal.unit}
          </span>
        </span>
        <span className="kpi-percent" title={t('briefing.progress')}>
          {formatPercent(goal.progress)}
        </span>
      </div>
      <Bar progress={goal.progress} timeProgress={timeProgress} color={goal.color} />
    </article>
  );
}

/** The colour legend that must go with the colours (DESIGN §4): scheme and rule per status. */
export function GoalLegend({ report }: { report: GoalsReport }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <div className="kpi-legend" data-testid="briefing-goal-legend" data-scheme={report.scheme}>
      <span className="kpi-legend-title">
        {t('briefing.goalLegend')}:{en ? GOAL_SCHEME_LABELS[report.scheme].en : GOAL_SCHEME_LABELS[report.scheme].zh}
      </span>
      {report.legend.map((item) => (
        <span key={item.status} className="kpi-legend-item">
          <span className="kpi-swatch" style={{ background: item.color }} />
          {en ? item.labelEn : item.labelZh}
        </span>
      ))}
      <span className="kpi-legend-item">
        <span className="kpi-swatch kpi-swatch-marker" />
        {t('dashboard.timeMarker', { time: formatPercent(report.timeProgress) })}
      </span>
    </div>
  );
}

/** Every goal of the year: progress against time progress, coloured by status (the dashboard's goal cards, for print). */
export function GoalTiles({ report }: { report: GoalsReport }) {
  return (
    <div className="kpi-grid" data-testid="briefing-goals">
      {report.goals.map((g) => (
        <GoalTile key={g.key} goal={g} timeProgress={report.timeProgress} />
      ))}
    </div>
  );
}

export interface BlockTilesProps {
  block: DashboardBlock;
  report: GoalsReport;
  /** The city's remediated mu (the remediation goal's achieved value), for the block's share. */
  cityRemediatedMu: number | null;
}

/**
 * A key block's own figures: remediated mu against its target, coloured by the same rule and
 * scheme as the goals (shared/domain goalStatus, goalColor), its parcels, and its share of the city.
 */
export function BlockTiles({ block, report, cityRemediatedMu }: BlockTilesProps) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const lang = i18n.language;
  const status = block.progress === null ? null : goalStatus(block.progress, report.timeProgress, report.thresholds);
  const color = status ? goalColor(status, report.scheme) : '#9e9e9e';
  const share = cityRemediatedMu && cityRemediatedMu > 0 ? block.remediatedMu / cityRemediatedMu : null;
  return (
    <div className="kpi-grid" data-testid="briefing-block-kpis">
      <article className="kpi kpi-wide" data-testid="briefing-kpi" data-key="block_remediated" data-status={status ?? ''} style={{ borderLeftColor: color }}>
        <header className="kpi-head">
          <span className="kpi-label">{t('briefing.kpiRemediated')}</span>
          {status && (
            <span className="kpi-status" style={{ background: color }}>
              {en ? GOAL_STATUS_LABELS[status].en : GOAL_STATUS_LABELS[status].zh}
            </span>
          )}
        </header>
        <div className="kpi-figure">
          <b className="kpi-value">{formatMu(block.remediatedMu)}</b>
          <span className="kpi-target">
            {' '}
            {en ? 'mu' : '亩'} · {block.targetMu === null ? t('briefing.kpiNoTarget') : t('briefing.kpiTarget', { target: formatMu(block.targetMu) })}
          </span>
        </div>
        {block.progress !== null && <Bar progress={block.progress} timeProgress={report.timeProgress} color={color} />}
        <div className="kpi-foot">
          <span>
            {t('briefing.progress')} <b>{formatPercent(block.progress)}</b>
          </span>
          {share !== null && <span>{t('briefing.kpiShare', { share: formatPercent(share) })}</span>}
        </div>
      </article>
      <article className="kpi" data-testid="briefing-kpi" data-key="block_parcels">
        <header className="kpi-head">
          <span className="kpi-label">{t('briefing.kpiParcels')}</span>
        </header>
        <div className="kpi-figure">
          <b className="kpi-value">{formatCount(block.parcels, lang)}</b>
        </div>
      </article>
      <article className="kpi" data-testid="briefing-kpi" data-key="block_remediated_parcels">
        <header className="kpi-head">
          <span className="kpi-label">{t('briefing.kpiRemediatedParcels')}</span>
        </header>
        <div className="kpi-figure">
          <b className="kpi-value">{formatCount(block.remediatedCount, lang)}</b>
          <span className="kpi-target"> / {formatCount(block.parcels, lang)}</span>
        </div>
      </article>
    </div>
  );
}
