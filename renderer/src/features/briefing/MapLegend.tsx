import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { LAYER_SWATCHES } from '../layers/layer-swatches.js';
import type { StatusCount } from './briefing-model.js';

const LAYER_ROWS = [
  ['key_blocks', 'briefing.layerKeyBlock'],
  ['renewal_zones', 'briefing.layerZone'],
  ['platforms', 'briefing.layerPlatform'],
  ['transport', 'briefing.layerTransport'],
  ['projects', 'briefing.layerProject'],
] as const;

/** The map's legend: parcel colours by status (with the parcels of this extent) and the other layers' symbols. */
export function MapLegend({ statuses }: { statuses: readonly StatusCount[] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <div className="brief-legend" data-testid="briefing-legend">
      <span className="brief-legend-title">{t('briefing.mapLegend')}</span>
      {statuses.map((s) => (
        <span key={s.value} className="brief-legend-item" data-status={s.value}>
          <span className="brief-swatch brief-swatch-fill" style={{ '--swatch': s.color } as CSSProperties} />
          {en ? s.labelEn : s.value} {t('briefing.parcelsCount', { count: s.count })}
        </span>
      ))}
      {LAYER_ROWS.map(([layer, key]) => (
        <span key={layer} className="brief-legend-item">
          <span className={`brief-swatch brief-swatch-${LAYER_SWATCHES[layer].kind}`} style={{ '--swatch': LAYER_SWATCHES[layer].color } as CSSProperties} />
          {t(key)}
        </span>
      ))}
    </div>
  );
}
