import { useTranslation } from 'react-i18next';
import type { ExportLayerReport } from '../../../../shared/api/export.js';
import { roundTo } from '../../../../shared/domain/units.js';

/** What the export wrote: count, file, total area (m² and mu) or length, shortened field names, warnings. */
export function ExportResult({ result }: { result: ExportLayerReport & { fileName: string } }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const fmt = (v: number) => roundTo(v, 2).toLocaleString(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const shortened = result.fields.filter((f) => f.truncated);
  return (
    <div className="export-result" data-testid="export-result" data-exported={result.exported}>
      <p className="export-result-main">{t('exporter.done', { count: result.exported, file: result.fileName })}</p>
      {result.areaM2 > 0 && <p>{t('exporter.area', { m2: fmt(result.areaM2), mu: fmt(result.areaMu) })}</p>}
      {result.lengthM > 0 && <p>{t('exporter.length', { m: fmt(result.lengthM) })}</p>}
      {shortened.length > 0 && (
        <p className="export-shortened" data-testid="export-shortened">
          {t('exporter.shortened')}: {shortened.map((f) => `${f.name} ← ${f.fullName}`).join(english ? ', ' : '、')}
        </p>
      )}
      {result.warnings.map((w) => (
        <p key={w.code} className="export-warning">
          {english ? w.message : w.messageZh} ×{w.count}
        </p>
      ))}
    </div>
  );
}
