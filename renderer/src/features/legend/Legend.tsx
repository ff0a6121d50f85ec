import { useTranslation } from 'react-i18next';
import { LAYER_LABELS } from '../../../../shared/api/layers.js';
import { LegendSwatch } from './LegendSwatch.js';
import type { LegendSection } from './legend-model.js';
import type { LegendModel } from './use-legend.js';

export interface LegendProps {
  legend: LegendModel;
  /** The parcel styling's name (e.g. 按整治状态), shown in the parcels heading. */
  parcelStyleLabel: string;
}

/**
 * The legend of the visible layers, in drawing order — built from the same class definitions as
 * the map's paint, so it always shows what is drawn. Parcel counts are of the filtered parcels.
 */
export function Legend({ legend, parcelStyleLabel }: LegendProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const format = new Intl.NumberFormat(i18n.language);
  const heading = (s: LegendSection): string => {
    const name = english ? LAYER_LABELS[s.layer].en : LAYER_LABELS[s.layer].zh;
    if (s.layer === 'parcels') return `${name} · ${parcelStyleLabel}${legend.filtered ? ` (${t('legend.filtered')})` : ''}`;
    if (s.part === 'mode') return `${name} · ${t('legend.transportMode')}`;
    if (s.part === 'stage') return t('legend.transportStage');
    return name;
  };
  const fixedLabel = (s: LegendSection): string =>
    s.layer === 'key_blocks' ? t('legend.keyBlocks', { year: legend.year }) : s.layer === 'projects' ? t('legend.projects') : '';
  return (
    <section className="panel" data-testid="legend">
      <h2 className="panel-title">{t('legend.title')}</h2>
      {legend.sections.length === 0 && <p className="panel-note muted">{t('legend.empty')}</p>}
      {legend.sections.map((s) => (
        <div key={`${s.layer}/${s.part ?? ''}`} className="legend-section" data-testid="legend-section" data-layer={s.layer} data-part={s.part}>
          <h3 className="legend-heading">{heading(s)}</h3>
          <ul className="legend-list">
            {s.rows.map((row) => (
              <li
                key={row.value}
                className={row.fallback ? 'legend-item legend-other' : 'legend-item'}
                data-testid={s.layer === 'parcels' ? (row.fallback ? 'legend-item-other' : 'legend-item') : 'legend-layer-item'}
                data-layer={s.layer}
                data-value={row.value}
                data-color={row.symbol.color}
                data-count={row.count}
              >
                <LegendSwatch symbol={row.symbol} />
                <span className="legend-label">{row.label || fixedLabel(s)}</span>
                {row.count !== undefined && (
                  <span className="legend-count" title={t(s.layer === 'parcels' ? 'legend.count' : 'legend.features', { count: row.count })}>
                    {format.format(row.count)}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
