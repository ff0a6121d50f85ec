import { useTranslation } from 'react-i18next';
import { ENCODING_CHOICES } from './import-options.js';

export interface EncodingSelectProps {
  value: string;
  allowAuto: boolean;
  disabled?: boolean;
  onChange: (value: string) => void;
}

/** 自动 / GBK / GB18030 / UTF-8. */
export function EncodingSelect({ value, allowAuto, disabled, onChange }: EncodingSelectProps) {
  const { t } = useTranslation();
  return (
    <select data-testid="import-encoding-select" value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      {ENCODING_CHOICES.filter((c) => allowAuto || c.value !== '').map((c) => (
        <option key={c.value} value={c.value}>
          {t(`importer.encodingNames.${c.labelKey}`)}
        </option>
      ))}
    </select>
  );
}
