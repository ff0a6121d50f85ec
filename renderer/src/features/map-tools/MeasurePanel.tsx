import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { sketchVertices } from '../../map/tools/measure-state.js';
import { formatM2, formatMu } from '../../i18n/format.js';
import { formatLength, measureFigures } from './measure-figures.js';
import type { MeasureStore } from './measure-store.js';

/**
 * The measure tool's result under the tool buttons: length (m / km), or area in m² (0.01) and 亩
 * (2 decimals) with the perimeter — geodesic on CGCS2000. While the sketch is open the pointer
 * counts as the next vertex; the data-* attributes carry the unrounded figures.
 */
export function MeasurePanel({ store }: { store: MeasureStore }) {
  const { t, i18n } = useTranslation();
  const state = useSyncExternalStore(store.subscribe, store.get);
  if (!state) return null;
  const vertices = sketchVertices(state);
  const f = measureFigures(state.mode, vertices);
  return (
    <section
      className="map-measure"
      data-testid="measure-panel"
      data-mode={state.mode}
      data-finished={state.finished}
      data-vertices={state.vertices.length}
      data-length-m={f.lengthM}
      data-area-m2={f.areaM2 ?? undefined}
    >
      <header className="map-measure-title">
        {t(`mapTools.measureTitle.${state.mode}`)}
        <span className="muted">
          {' '}
          · {t('mapTools.vertices', { count: state.vertices.length })}
          {state.finished && ` · ${t('mapTools.finished')}`}
        </span>
      </header>
      <dl className="map-measure-figures">
        {state.mode === 'area' && f.areaM2 !== null && f.areaMu !== null && (
          <>
            <dt>{t('mapTools.areaM2')}</dt>
            <dd className="num" data-testid="measure-area-m2">
              {formatM2(f.areaM2, i18n.language)} m²
            </dd>
            <dt>{t('mapTools.areaMu')}</dt>
            <dd className="num" data-testid="measure-area-mu">
              {formatMu(f.areaMu)} {t('parcel.mu')}
            </dd>
          </>
        )}
        <dt>{state.mode === 'area' ? t('mapTools.perimeter') : t('mapTools.length')}</dt>
        <dd className="num" data-testid="measure-length">
          {formatLength(f.lengthM)}
        </dd>
      </dl>
      {!state.finished && <p className="map-measure-hint">{t('mapTools.measureHint')}</p>}
    </section>
  );
}
