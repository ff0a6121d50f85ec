import { useTranslation } from 'react-i18next';
import type { DashboardMonth } from '../../../../shared/api/dashboard.js';
import { linePath, niceTicks, type Series } from './trend-scale.js';

const W = 760;
const H = 300;
const PAD = { left: 60, right: 20, top: 28, bottom: 34 };
const REMEDIATED = '#1d5fa8';
const TRANSFERRED = '#c0392b';

/**
 * Cumulative remediated and transferred mu by month against the straight-line schedule (SVG, no
 * chart library). Solid lines: achieved up to the as-of month; dashed: the schedule to year end.
 */
export function TrendChart({ monthly, asOf }: { monthly: DashboardMonth[]; asOf: string }) {
  const { t } = useTranslation();
  const series: Series[] = [
    { id: 'schedule-remediated', label: t('dashboard.trendScheduleRemediated'), color: REMEDIATED, dashed: true, values: monthly.map((m) => m.scheduleRemediatedMu) },
    { id: 'schedule-transferred', label: t('dashboard.trendScheduleTransferred'), color: TRANSFERRED, dashed: true, values: monthly.map((m) => m.scheduleTransferredMu) },
    { id: 'remediated', label: t('dashboard.trendRemediated'), color: REMEDIATED, dashed: false, values: monthly.map((m) => m.cumulativeRemediatedMu) },
    { id: 'transferred', label: t('dashboard.trendTransferred'), color: TRANSFERRED, dashed: false, values: monthly.map((m) => m.cumulativeTransferredMu) },
  ];
  const max = Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1] ?? 1;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number): number => PAD.left + ((i + 0.5) / 12) * plotW;
  const y = (v: number): number => PAD.top + plotH - (v / top) * plotH;
  const asOfIndex = monthly.findIndex((m) => m.month === asOf.slice(0, 7));
  const noSchedule = monthly.every((m) => m.scheduleRemediatedMu === null && m.scheduleTransferredMu === null);

  return (
    <figure className="trend" data-testid="trend-chart">
      <svg viewBox={`0 0 ${W} ${H}`} className="trend-svg" role="img" aria-label={t('dashboard.trendTitle')}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className={v === 0 ? 'trend-axis' : 'trend-grid'} />
            <text x={PAD.left - 8} y={y(v) + 4} textAnchor="end" className="trend-tick">
              {v}
            </text>
          </g>
        ))}
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + plotH} className="trend-axis" />
        <text x={PAD.left - 8} y={PAD.top - 10} className="trend-axis-label" textAnchor="end">
          ({t('dashboard.trendAxisY')})
        </text>
        {monthly.map((m, i) => (
          <text key={m.month} x={x(i)} y={H - PAD.bottom + 18} textAnchor="middle" className="trend-tick">
            {t('dashboard.trendMonth', { m: i + 1 })}
          </text>
        ))}
        {asOfIndex >= 0 && (
          <g data-testid="trend-asof">
            <line x1={x(asOfIndex)} x2={x(asOfIndex)} y1={PAD.top} y2={PAD.top + plotH} className="trend-asof" />
            <text x={x(asOfIndex) + 4} y={PAD.top + 10} className="trend-asof-label">
              {asOf}
            </text>
          </g>
        )}
        {series.map((s) => (
          <g key={s.id} data-testid="trend-series" data-series={s.id}>
            <path d={linePath(s.values, x, y)} fill="none" stroke={s.color} strokeWidth={s.dashed ? 1.5 : 2.5} strokeDasharray={s.dashed ? '6 4' : undefined} opacity={s.dashed ? 0.75 : 1} />
            {!s.dashed &&
              s.values.map((v, i) =>
                v === null ? null : (
                  <circle key={i} cx={x(i)} cy={y(v)} r={3.5} fill="#fff" stroke={s.color} strokeWidth={2}>
                    <title>{`${monthly[i]?.month ?? ''} ${s.label}: ${v.toFixed(2)}`}</title>
                  </circle>
                ),
              )}
          </g>
        ))}
      </svg>
      <figcaption className="trend-legend">
        {series.map((s) => (
          <span key={s.id} className="trend-legend-item">
            <svg width="26" height="10" aria-hidden="true">
              <line x1="1" x2="25" y1="5" y2="5" stroke={s.color} strokeWidth={s.dashed ? 1.5 : 2.5} strokeDasharray={s.dashed ? '5 3' : undefined} />
            </svg>
            {s.label}
          </span>
        ))}
        {noSchedule && <span className="muted">{t('dashboard.trendNoGoal')}</span>}
      </figcaption>
    </figure>
  );
}
