import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One line of an import report: label, value, and the value's class (e.g. `warn-text`). */
export type ReportRow = [label: string, value: ReactNode, className?: string];

export interface ImportReportCardProps {
  /** What was imported, after the title (the file; for a ledger also its layer). */
  source: ReactNode;
  rows: readonly ReportRow[];
  /** `data-kind` of the report (`ledger`); none for features. */
  kind?: string;
  /** Below the figures (e.g. the rows left out). */
  children?: ReactNode;
}

/** The frame every finished import shows: a ✓ title with its source, then its figures as a label/value grid. */
export function ImportReportCard({ source, rows, kind, children }: ImportReportCardProps) {
  const { t } = useTranslation();
  return (
    <div className="import-report" data-testid="import-report" data-kind={kind}>
      <div className="report-title">
        <span className="ok-icon" aria-hidden="true">
          ✓
        </span>
        {t('importer.reportTitle')} <span className="muted">· {source}</span>
      </div>
      <dl className="report-grid">
        {rows.map(([label, value, cls]) => (
          <div key={label} className="report-item">
            <dt>{label}</dt>
            <dd className={cls}>{value}</dd>
          </div>
        ))}
      </dl>
      {children}
    </div>
  );
}
