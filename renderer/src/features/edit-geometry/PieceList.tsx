import { useTranslation } from 'react-i18next';
import type { GeometryEditResult } from '../../../../shared/api/edit-geometry.js';
import { m2ToMu } from '../../../../shared/domain/units.js';
import { PIECE_COLORS } from '../../map/tools/edit/edit-overlay.js';
import { formatM2, formatMu } from '../../i18n/format.js';
import { AreaFigure } from './AreaFigure.js';

/**
 * The core's preview of a split or merge: each parcel with its code, what happens to it and its
 * area (m², 亩), in the colours the map draws the pieces in; then the totals before and after.
 */
export function PieceList({ result }: { result: GeometryEditResult }) {
  const { t, i18n } = useTranslation();
  let piece = 0;
  return (
    <div className="edit-geometry-pieces" data-testid="edit-pieces" data-count={result.parcels.filter((p) => p.action !== 'deleted').length}>
      <div className="edit-geometry-subtitle">{result.op === 'merge' ? t('editGeometry.merged') : t('editGeometry.pieces')}</div>
      <ul>
        {result.parcels.map((p) => {
          const color = p.action === 'deleted' ? undefined : PIECE_COLORS[piece++ % PIECE_COLORS.length];
          return (
            <li key={p.fid} data-testid="edit-piece" data-action={p.action} data-code={p.code ?? ''} data-area-m2={p.areaM2}>
              <span className="edit-geometry-swatch" style={color ? { background: color } : undefined} aria-hidden="true" />
              <span className="mono">{p.code ?? `#${p.fid}`}</span>
              <span className="muted">{t(`editGeometry.actions.${p.action}`)}</span>
              <span className="num">{t('editGeometry.m2', { value: formatM2(p.areaM2, i18n.language) })}</span>
              <span className="num muted">{t('editGeometry.mu', { value: formatMu(m2ToMu(p.areaM2)) })}</span>
            </li>
          );
        })}
      </ul>
      <AreaFigure label={t('editGeometry.before')} areaM2={result.beforeM2} testId="edit-before-area" />
      <AreaFigure label={t('editGeometry.after')} areaM2={result.afterM2} testId="edit-after-area" />
      {result.op === 'merge' && result.overlapM2 !== null && Math.abs(result.overlapM2) >= 0.005 && (
        <p className="muted">{t('editGeometry.overlap', { value: formatM2(result.overlapM2, i18n.language) })}</p>
      )}
    </div>
  );
}
