import { useTranslation } from 'react-i18next';

export interface LedgerSheetSelectProps {
  /** The workbook's sheets that can be read, in workbook order. */
  sheets: readonly string[];
  /** The sheet read (or asked for); '' or a name not in `sheets` shows a blank choice. */
  value: string;
  disabled?: boolean;
  onChange: (sheet: string) => void;
}

/** 工作表: which sheet of a ledger workbook to read; choosing another previews that sheet. */
export function LedgerSheetSelect({ sheets, value, disabled, onChange }: LedgerSheetSelectProps) {
  const { t } = useTranslation();
  const known = sheets.includes(value);
  return (
    <label className="field-inline" data-testid="ledger-sheet-choice">
      <span className="field-label">{t('importer.ledger.sheet')}</span>
      <select
        data-testid="ledger-sheet-select"
        value={known ? value : ''}
        disabled={disabled}
        title={t('importer.ledger.sheetPick')}
        onChange={(e) => e.target.value !== '' && onChange(e.target.value)}
      >
        {!known && (
          <option value="" disabled>
            —
          </option>
        )}
        {sheets.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
}
