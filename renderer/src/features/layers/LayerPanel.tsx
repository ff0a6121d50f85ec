import '../../styles/layers.css';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LAYER_LABELS, type LayerId, type LayerInfo } from '../../../../shared/api/layers.js';
import { PARCEL_STYLES, type ParcelStyleId } from '../../../../shared/api/map-panel.js';
import type { Basemap } from '../../../../shared/api/settings.js';
import { normalizeOrder } from '../../map/layer-style/layer-order.js';
import { LAYER_SWATCHES } from './layer-swatches.js';
import { LayerRow } from './LayerRow.js';
import type { LayerPanelHandle } from './use-layer-panel.js';

export interface LayerPanelProps {
  layers: readonly LayerInfo[];
  panel: LayerPanelHandle;
  /** Parcels passing the panel's filter and all parcels (null while unknown). */
  parcelCounts: { matched: number; total: number } | null;
  basemap: Basemap | null;
  /** The basemap's opacity and its setter (features/basemap: stored with the basemap setting); the basemap row's slider is its one control. */
  basemapOpacity: { value: number; set: (value: number) => void };
  /** Controls beside a layer's name, e.g. the export button (features/export). */
  actions?: (layer: LayerId, info: LayerInfo) => ReactNode;
}

const BASEMAP_SWATCH = { kind: 'fill', color: '#d7d4cc' };

/**
 * 图层: the project's layers in drawing order (top of the list is drawn on top, as in QGIS), each
 * with show/hide, order and opacity; the parcels' colouring; the basemap, always lowest.
 */
export function LayerPanel({ layers, panel, parcelCounts, basemap, basemapOpacity, actions }: LayerPanelProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const format = new Intl.NumberFormat(i18n.language);
  const { state, dispatch } = panel;
  const byId = new Map(layers.map((l) => [l.id, l]));
  const order = normalizeOrder(state.order).filter((id) => byId.has(id));
  const filtered = Object.keys(state.parcelFilter).length > 0 && parcelCounts !== null;
  const hasBasemap = basemap !== null && basemap.kind !== 'none';

  return (
    <section className="panel" data-testid="layer-panel">
      <h2 className="panel-title">{t('layers.title')}</h2>
      <ul className="layer-list">
        {order.map((id, index) => {
          const info = byId.get(id) as LayerInfo;
          const label = english ? LAYER_LABELS[id].en : LAYER_LABELS[id].zh;
          const showFiltered = id === 'parcels' && filtered;
          return (
            <LayerRow
              key={id}
              id={id}
              label={label}
              swatch={LAYER_SWATCHES[id]}
              visible={!state.hidden.includes(id)}
              opacity={state.opacity[id] ?? 1}
              count={showFiltered ? `${format.format(parcelCounts.matched)} / ${format.format(info.featureCount)}` : format.format(info.featureCount)}
              countTitle={
                showFiltered
                  ? t('layers.filteredCount', { matched: parcelCounts.matched, total: info.featureCount })
                  : t('layers.featureCount', { count: info.featureCount })
              }
              onToggle={() => dispatch({ type: 'toggle', layer: id })}
              onOpacity={(value) => dispatch({ type: 'opacity', layer: id, value })}
              onMove={(step) => dispatch({ type: 'move', layer: id, step })}
              canMoveUp={index > 0}
              canMoveDown={index < order.length - 1}
              actions={actions?.(id, info)}
            >
              {id === 'parcels' && (
                <label className="layer-style">
                  <span>{t('layers.style')}</span>
                  <select
                    data-testid="parcel-style"
                    value={state.parcelStyle}
                    onChange={(e) => dispatch({ type: 'style', style: e.target.value as ParcelStyleId })}
                  >
                    {PARCEL_STYLES.map((s) => (
                      <option key={s} value={s}>
                        {t(`layers.styles.${s}`)}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </LayerRow>
          );
        })}
        <LayerRow
          id="basemap"
          label={hasBasemap ? t('layers.basemap') : t('layers.basemapNone')}
          swatch={BASEMAP_SWATCH}
          visible={hasBasemap && !state.hidden.includes('basemap')}
          opacity={basemapOpacity.value}
          disabled={!hasBasemap}
          onToggle={() => dispatch({ type: 'toggle', layer: 'basemap' })}
          onOpacity={basemapOpacity.set}
        />
      </ul>
    </section>
  );
}
