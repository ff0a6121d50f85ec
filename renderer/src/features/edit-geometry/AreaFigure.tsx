import { useTranslation } from 'react-i18next';
import { m2ToMu } from '../../../../shared/domain/units.js';
import { formatM2, formatMu } from '../../i18n/format.js';

/** An area in m² (0.01) and 亩 (2 decimals), the unrounded m² in data-area-m2. */
export function AreaFigure({ label, areaM2, testId }: { label: string; areaM2: number; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="edit-geometry-area" data-testid={testId} data-area-m2={areaM2}>
      <span className="edit-geometry-area-label">{label}</span>
      <span className="num">{t('editGeometry.m2', { value: formatM2(areaM2, i18n.language) })}</span>
      <span className="num muted">{t('editGeometry.mu', { value: formatMu(m2ToMu(areaM2)) })}</span>
    </div>
  );
}
