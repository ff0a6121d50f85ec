import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { LAYER_LABELS, type LayerId, type LayerInfo } from '../../../../shared/api/layers.js';
import { LAYER_LIST_ORDER, LAYER_SWATCHES } from './layer-swatches.js';

export interface LayerPanelProps {
  layers: readonly LayerInfo[];
  visible: ReadonlySet<LayerId>;
  onToggle: (layer: LayerId) => void;
}

export function LayerPanel({ layers, visible, onToggle }: LayerPanelProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const byId = new Map(layers.map((l) => [l.id, l]));
  const listed = LAYER_LIST_ORDER.filter((id) => byId.has(id));
  const format = new Intl.NumberFormat(i18n.language);
  return (
    <section className="panel" data-testid="layer-panel">
      <h2 className="panel-title">{t('layers.title')}</h2>
      <ul className="layer-list">
        {listed.map((id) => {
          const info = byId.get(id);
          const label = english ? LAYER_LABELS[id].en : LAYER_LABELS[id].zh;
          const swatch = LAYER_SWATCHES[id];
          return (
            <li key={id} className="layer-item" data-testid="layer-item" data-layer={id}>
              <label className="layer-label">
                <input
                  type="checkbox"
                  data-testid="layer-toggle"
                  data-layer={id}
                  checked={visible.has(id)}
                  onChange={() => onToggle(id)}
                />
                <span className={`swatch swatch-${swatch.kind}`} style={{ '--swatch': swatch.color } as CSSProperties} />
                <span className="layer-name">{label}</span>
                <span className="layer-count" title={t('layers.featureCount', { count: info?.featureCount ?? 0 })}>
                  {format.format(info?.featureCount ?? 0)}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
