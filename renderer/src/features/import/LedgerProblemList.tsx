import { useTranslation } from 'react-i18next';
import type { LedgerProblem } from './ledger-view.js';

/** Rows a ledger import does not take, each with its spreadsheet row number, code and reasons. */
export function LedgerProblemList({ problems, shown = 100, testId }: { problems: readonly LedgerProblem[]; shown?: number; testId: string }) {
  const { t, i18n } = useTranslation();
  const separator = i18n.language === 'en' ? '; ' : ';';
  return (
    <ul className="problem-list" data-testid={testId}>
      {problems.slice(0, shown).map((p) => (
        <li key={p.row} data-testid="ledger-problem" data-row={p.row} data-code={p.code ?? ''} data-unknown={p.unknownCode}>
          <span className="problem-index">{t('importer.ledger.rowNo', { row: p.row })}</span>
          {p.code && <span className="mono problem-code">{p.code}</span>}
          <span className="problem-reason">{p.reasons.join(separator)}</span>
        </li>
      ))}
      {problems.length > shown && <li className="muted">… +{problems.length - shown}</li>}
    </ul>
  );
}
