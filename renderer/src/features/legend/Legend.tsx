import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { FALLBACK_COLOR } from '../../map/style-expressions.js';
import type { LegendModel } from './use-legend.js';

export interface LegendProps {
  legend: LegendModel;
}

/** Parcel fill colours by remediation status — the same colours the map uses (settings.statuses). */
export function Legend({ legend }: LegendProps) {
  const { entries, otherCount } = legend;
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language);
  return (
    <section className="panel" data-testid="legend">
      <h2 className="panel-title">{t('legend.title')}</h2>
      <ul className="legend-list">
        {entries.map((entry) => (
          <li key={entry.value} className="legend-item" data-testid="legend-item" data-status={entry.value}>
            <span className="swatch swatch-fill" style={{ '--swatch': entry.color } as CSSProperties} />
            <span className="legend-label">{entry.label}</span>
            <span className="legend-count" title={t('legend.count', { count: entry.count })}>
              {format.format(entry.count)}
            </span>
          </li>
        ))}
        {otherCount > 0 && (
          <li className="legend-item legend-other" data-testid="legend-item-other">
            <span className="swatch swatch-fill" style={{ '--swatch': FALLBACK_COLOR } as CSSProperties} />
            <span className="legend-label">{t('legend.noStatus')}</span>
            <span className="legend-count">{format.format(otherCount)}</span>
          </li>
        )}
      </ul>
    </section>
  );
}
