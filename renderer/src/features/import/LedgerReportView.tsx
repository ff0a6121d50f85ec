import { useTranslation } from 'react-i18next';
import type { LedgerReport } from '../../../../shared/api/import.js';
import { currentLocale } from '../../i18n/i18n.js';
import { formatCount, formatM2, formatMu } from '../../i18n/format.js';
import { encodingSourceText } from './evidence-text.js';
import { ImportReportCard, type ReportRow } from './ImportReportCard.js';
import { LedgerProblemList } from './LedgerProblemList.js';
import { ledgerProblems } from './ledger-view.js';

const SHOWN_CODES = 50;

/**
 * The report of a ledger import: rows imported (new, updated, unchanged), the accepted rows' total
 * area, the rows skipped and every unknown parcel code with its row — as the CLI prints them.
 */
export function LedgerReportView({ report }: { report: LedgerReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const locale = currentLocale(i18n);
  const rows: ReportRow[] = [
    [
      t('importer.ledger.report.imported'),
      <span data-testid="import-report-imported" data-count={report.imported} data-inserted={report.inserted} data-updated={report.updated}>
        {t('importer.ledger.report.importedValue', { count: report.imported })}
        <span className="muted">
          {' · '}
          {t('importer.ledger.report.breakdown', { inserted: report.inserted, updated: report.updated, unchanged: report.unchanged })}
        </span>
      </span>,
    ],
  ];
  if (report.areaM2 !== undefined) {
    rows.push([
      t('importer.ledger.report.area'),
      <span data-testid="import-report-area" data-mu={report.areaMu ?? 0} data-m2={report.areaM2}>{`${formatMu(report.areaMu ?? 0)} ${t('tally.mu')} · ${formatM2(report.areaM2, lang)} m²`}</span>,
    ]);
  }
  if (report.floorM2 !== undefined) {
    rows.push([t('importer.ledger.report.floor'), <span data-testid="import-report-floor" data-m2={report.floorM2}>{`${formatM2(report.floorM2, lang)} m²`}</span>]);
  }
  rows.push([t('importer.ledger.report.sheet'), report.sheet !== null ? `“${report.sheet}” · ${t('importer.ledger.headerRow', { row: report.headerRow })}` : `CSV · ${t('importer.ledger.headerRow', { row: report.headerRow })}`]);
  if (report.encoding) {
    rows.push([t('importer.ledger.report.encoding'), `${report.encoding.toUpperCase()} · ${encodingSourceText(report.encodingSource, report.encodingEvidence, locale)}`]);
  }
  rows.push([
    t('importer.ledger.report.skipped'),
    <span data-testid="import-report-skipped" data-count={report.skipped}>
      {formatCount(report.skipped, lang)}
    </span>,
    report.skipped > 0 ? 'warn-text' : undefined,
  ]);
  const codes = report.unknownCodes;
  if (codes.length > 0) {
    const shown = codes.slice(0, SHOWN_CODES).map((u) => u.code).join(locale === 'en' ? ', ' : '、');
    rows.push([
      t('importer.ledger.report.unknownCodes'),
      <span data-testid="import-report-unknown-codes" data-count={codes.length} data-codes={codes.map((u) => u.code).join(',')}>
        {`${formatCount(codes.length, lang)} · ${shown}${codes.length > SHOWN_CODES ? ' …' : ''}`}
      </span>,
      'warn-text',
    ]);
  }
  // Rows left out, each with its row number and reasons: the same list the preview showed.
  const problems = ledgerProblems(report, locale, t('importer.ledger.unknownReason'));
  return (
    <ImportReportCard
      kind="ledger"
      source={
        <>
          {t(`importer.ledger.layers.${report.layer}`)} · {report.file}
        </>
      }
      rows={rows}
    >
      {problems.length > 0 && (
        <section className="import-section">
          <h3 className="section-title">{t('importer.ledger.report.skipped')}</h3>
          <LedgerProblemList problems={problems} shown={SHOWN_CODES} testId="import-report-problems" />
        </section>
      )}
    </ImportReportCard>
  );
}
