import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../shared/api/import.js';
import { currentLocale } from '../../i18n/i18n.js';
import { formatCount, formatM2, formatMu } from '../../i18n/format.js';
import { encodingSourceText } from './evidence-text.js';
import { ImportErrorView } from './ImportErrorView.js';
import { ImportReportCard, type ReportRow } from './ImportReportCard.js';
import { LedgerReportView } from './LedgerReportView.js';
import type { ImportTask } from './use-import-task.js';

type PhaseKey = 'import' | 'check';
const PHASES: readonly string[] = ['import', 'check'];

/** Step 3: the running import (progress bar, cancel), then its report or its error. `ledger`: rows of a spreadsheet, not features. */
export function ImportRunStep({ task, ledger = false }: { task: ImportTask; ledger?: boolean }) {
  const { t } = useTranslation();
  if (task.status === 'done' && task.report) {
    return 'kind' in task.report ? <LedgerReportView report={task.report} /> : <ImportReportView report={task.report} />;
  }
  if (task.status === 'failed' && task.error) {
    const cancelled = task.error.code === 'cancelled';
    return <ImportErrorView title={cancelled ? t('importer.cancelledTitle') : t('importer.failedTitle')} error={task.error} />;
  }
  const { progress } = task;
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  const pct = total > 0 ? Math.min(100, (done / total) * 100) : 0;
  const phase = progress?.phase ?? '';
  const phaseText = ledger && phase === 'import' ? t('importer.ledger.phase') : PHASES.includes(phase) ? t(`importer.phases.${phase as PhaseKey}`) : phase;
  return (
    <div className="import-run">
      <div className="run-title">{task.cancelling ? t('importer.cancelling') : t('importer.importing')}</div>
      <div
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        data-testid="import-progress"
        data-done={done}
        data-total={total}
      >
        <div className={total > 0 ? 'progress-fill' : 'progress-fill indeterminate'} style={{ width: total > 0 ? `${pct}%` : undefined }} />
      </div>
      <div className="run-detail muted">
        {phaseText && <span>{phaseText}</span>}
        {total > 0 && <span>{t('importer.progress', { done, total })}</span>}
      </div>
    </div>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const skipped = report.invalid.filter((i) => i.action === 'skipped').length;
  const repaired = report.invalid.filter((i) => i.action === 'repaired').length;
  const rows: ReportRow[] = [
    [
      t('importer.report.imported'),
      <span data-testid="import-report-imported" data-count={report.imported}>
        {t('importer.report.importedValue', { count: report.imported })}
      </span>,
    ],
  ];
  if (report.layer !== 'transport') {
    rows.push([t('importer.report.area'), <span data-testid="import-report-area" data-mu={report.areaMu}>{`${formatMu(report.areaMu)} ${t('tally.mu')} · ${formatM2(report.areaM2, lang)} m²`}</span>]);
  }
  if (report.encoding) {
    rows.push([t('importer.report.encoding'), `${report.encoding.toUpperCase()} · ${encodingSourceText(report.encodingSource, report.encodingEvidence, currentLocale(i18n))}`]);
  }
  rows.push([t('importer.report.crs'), report.crs]);
  rows.push([t('importer.report.invalidSkipped'), formatCount(skipped, lang), skipped > 0 ? 'warn-text' : undefined]);
  if (repaired > 0) rows.push([t('importer.report.invalidRepaired'), formatCount(repaired, lang)]);
  if (report.areaMismatches.length > 0) rows.push([t('importer.report.mismatches'), formatCount(report.areaMismatches.length, lang), 'warn-text']);
  if (report.assignment) {
    const a = report.assignment;
    rows.push([t('importer.report.inBlock'), formatCount(a.inBlock, lang)]);
    rows.push([t('importer.report.straddling'), formatCount(a.straddling.length, lang), a.straddling.length > 0 ? 'warn-text' : undefined]);
    rows.push([t('importer.report.disagreements'), formatCount(a.blockDisagreements.length, lang), a.blockDisagreements.length > 0 ? 'warn-text' : undefined]);
  }
  return <ImportReportCard source={report.file} rows={rows} />;
}
