import { useTranslation } from 'react-i18next';
import type { MapSnapshot } from './print-map.js';
import { niceScaleBar } from './scale-bar.js';

export interface MapFrameProps {
  snapshot: MapSnapshot | undefined;
  /** The frame's width in CSS px (the scale bar's length is measured against it). */
  widthPx: number;
  failed: boolean;
  isSample: boolean;
  onImageLoad?: () => void;
}

/** North is up: the briefing map is never rotated (the app's map has rotation switched off too). */
function NorthArrow() {
  const { t } = useTranslation();
  return (
    <svg className="brief-north" viewBox="0 0 24 36" role="img" aria-label={t('briefing.north')}>
      <text x="12" y="9" textAnchor="middle" className="brief-north-letter">
        {t('briefing.north')}
      </text>
      <path d="M12 12 L19 33 L12 28 L5 33 Z" fill="#fff" stroke="#1f2933" strokeWidth="1.2" strokeLinejoin="round" />
      <path d="M12 12 L12 28 L5 33 Z" fill="#1f2933" />
    </svg>
  );
}

function ScaleBarView({ metresPerPx, widthPx }: { metresPerPx: number; widthPx: number }) {
  const bar = niceScaleBar(metresPerPx, widthPx * 0.25);
  if (!bar) return null;
  return (
    <div className="brief-scale" data-testid="briefing-scale" data-metres={bar.metres}>
      <div className="brief-scale-bar" style={{ width: `${bar.px}px` }}>
        <span className="brief-scale-half" />
      </div>
      <span className="brief-scale-label">
        0 <span className="brief-scale-end">{bar.label}</span>
      </span>
    </div>
  );
}

/** The map picture with its north arrow, scale bar and (for sample data) the 示例数据 mark. */
export function MapFrame({ snapshot, widthPx, failed, isSample, onImageLoad }: MapFrameProps) {
  const { t } = useTranslation();
  return (
    <div className="brief-map" data-testid="briefing-map" data-drawn={snapshot ? 'true' : 'false'}>
      {snapshot ? (
        <img className="brief-map-image" src={snapshot.url} alt="" onLoad={onImageLoad} onError={onImageLoad} />
      ) : (
        <div className="brief-map-wait">{failed ? t('briefing.mapFailed') : t('briefing.mapDrawing')}</div>
      )}
      <NorthArrow />
      {snapshot && <ScaleBarView metresPerPx={snapshot.metresPerPx} widthPx={widthPx} />}
      {isSample && <span className="brief-map-sample">{t('briefing.sample')}</span>}
    </div>
  );
}
