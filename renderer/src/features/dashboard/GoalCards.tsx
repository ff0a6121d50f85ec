import { useTranslation } from 'react-i18next';
import type { GoalProgress, GoalsReport } from '../../../../shared/api/goals.js';
import { GOAL_COLOR_SCHEMES, GOAL_SCHEME_LABELS, GOAL_STATUS_LABELS, type GoalColorScheme } from '../../../../shared/domain/goal-colors.js';
import { formatGoalValue, formatPercent } from './format.js';

function GoalCard({ goal, timeProgress, en }: { goal: GoalProgress; timeProgress: number; en: boolean }) {
  const { t, i18n } = useTranslation();
  const label = en && goal.labelEn ? goal.labelEn : goal.label;
  const status = GOAL_STATUS_LABELS[goal.status];
  const fill = Math.max(0, Math.min(goal.progress, 1)) * 100;
  const marker = Math.max(0, Math.min(timeProgress, 1)) * 100;
  return (
    <article
      className="goal-card"
      data-testid="goal-card"
      data-key={goal.key}
      data-status={goal.status}
      data-color={goal.color}
      data-achieved={goal.achieved}
      style={{ borderTopColor: goal.color }}
    >
      <header className="goal-card-head">
        <h3 className="goal-card-label" title={label}>
          {label}
        </h3>
        <span className="goal-status" data-testid="goal-status" style={{ background: goal.color }}>
          {en ? status.en : status.zh}
        </span>
      </header>
      <div className="goal-figure">
        <span className="goal-achieved" data-testid="goal-achieved">
          {formatGoalValue(goal.achieved, goal.unit, i18n.language)}
        </span>
        <span className="goal-target">
          / {formatGoalValue(goal.target, goal.unit, i18n.language)} {goal.unit}
        </span>
      </div>
      <div
        className="goal-bar"
        data-testid="goal-progress"
        data-progress={goal.progress}
        role="meter"
        aria-valuemin={0}
        aria-valuemax={1}
        aria-valuenow={Math.min(goal.progress, 1)}
        aria-label={`${t('dashboard.progress')} ${formatPercent(goal.progress)}`}
      >
        <div className="goal-bar-fill" style={{ width: `${fill}%`, background: goal.color }} />
        <div className="goal-bar-marker" data-testid="goal-time-marker" style={{ left: `${marker}%` }} title={t('dashboard.timeMarker', { time: formatPercent(timeProgress) })} />
      </div>
      <footer className="goal-card-foot">
        <span>
          {t('dashboard.progress')} <b data-testid="goal-percent">{formatPercent(goal.progress)}</b>
        </span>
        <span className="muted">{t('dashboard.timeMarker', { time: formatPercent(timeProgress) })}</span>
      </footer>
    </article>
  );
}

export interface GoalCardsProps {
  report: GoalsReport;
  onScheme: (scheme: GoalColorScheme) => void;
}

/** Goal cards with the time-progress marker, the 全年红 summary and the legend that says what the colours mean. */
export function GoalCards({ report, onScheme }: GoalCardsProps) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <section className="dash-section" aria-labelledby="dash-goals-title">
      <div className="dash-section-head">
        <h2 id="dash-goals-title" className="dash-section-title">
          {t('dashboard.goalsTitle')}
        </h2>
        <div className="qnh-summary" data-testid="quannianhong-summary" data-met={report.summary.metOrOnTrack} data-total={report.summary.total}>
          <span className="qnh-tag">{t('dashboard.summaryLabel')}</span>
          {t('dashboard.summary', { total: report.summary.total, count: report.summary.metOrOnTrack })}
        </div>
      </div>
      <div className="goal-legend-row">
        <div className="goal-legend" data-testid="goal-legend" data-scheme={report.scheme}>
          <span className="goal-legend-title">
            {t('dashboard.legendTitle')}:{en ? GOAL_SCHEME_LABELS[report.scheme].en : GOAL_SCHEME_LABELS[report.scheme].zh}
          </span>
          <ul className="goal-legend-items">
            {report.legend.map((item) => (
              <li key={item.status} data-testid="goal-legend-item" data-status={item.status}>
                <span className="goal-swatch" style={{ background: item.color }} aria-hidden="true" />
                {en ? item.labelEn : item.labelZh}
              </li>
            ))}
          </ul>
        </div>
        <div className="scheme-switch" role="radiogroup" aria-label={t('dashboard.scheme')} data-testid="goal-scheme" data-scheme={report.scheme}>
          <span className="scheme-switch-label">{t('dashboard.scheme')}</span>
          {GOAL_COLOR_SCHEMES.map((s) => (
            <button
              key={s}
              type="button"
              role="radio"
              aria-checked={report.scheme === s}
              className={report.scheme === s ? 'scheme-option active' : 'scheme-option'}
              data-testid="goal-scheme-option"
              data-scheme={s}
              title={en ? GOAL_SCHEME_LABELS[s].en : GOAL_SCHEME_LABELS[s].zh}
              onClick={() => report.scheme !== s && onScheme(s)}
            >
              {s === 'traffic' ? (en ? 'Traffic light' : '红绿灯') : en ? 'Full-year red' : '全年红'}
            </button>
          ))}
        </div>
      </div>
      <div className="goal-grid">
        {report.goals.map((g) => (
          <GoalCard key={g.key} goal={g} timeProgress={report.timeProgress} en={en} />
        ))}
      </div>
    </section>
  );
}
