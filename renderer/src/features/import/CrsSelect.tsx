import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { crsChoices, epsgOf } from './import-options.js';

export interface CrsSelectProps {
  /** 'EPSG:n', or '' for automatic (only offered when `allowAuto`). */
  value: string;
  allowAuto: boolean;
  /** Codes to list besides the common ones (a proposal, the decided CRS). */
  extra?: readonly (number | null)[];
  disabled?: boolean;
  onChange: (value: string) => void;
}

const OTHER = '__other';

/** The common CGCS2000 / WGS84 / Xian 1980 / Beijing 1954 codes, or any EPSG code typed in. */
export function CrsSelect({ value, allowAuto, extra = [], disabled, onChange }: CrsSelectProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const [other, setOther] = useState<string | null>(null);
  const choices = crsChoices([...extra, epsgOf(value)]);
  const typed = other !== null ? epsgOf(other) : null;
  return (
    <span className="crs-select">
      <select
        data-testid="import-crs-select"
        value={other !== null ? OTHER : value}
        disabled={disabled}
        onChange={(e) => {
          if (e.target.value === OTHER) setOther('');
          else {
            setOther(null);
            onChange(e.target.value);
          }
        }}
      >
        {allowAuto && <option value="">{t('importer.crsAuto')}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.value} · {english ? c.nameEn : c.nameZh}
          </option>
        ))}
        <option value={OTHER}>{t('importer.crsOther')}…</option>
      </select>
      {other !== null && (
        <span className="crs-other">
          <input
            data-testid="import-crs-input"
            value={other}
            placeholder="EPSG:4549"
            inputMode="numeric"
            onChange={(e) => setOther(e.target.value)}
          />
          <button
            type="button"
            className="btn btn-small"
            disabled={typed === null}
            onClick={() => {
              if (typed === null) return;
              setOther(null);
              onChange(`EPSG:${typed}`);
            }}
          >
            {t('importer.crsApply')}
          </button>
        </span>
      )}
    </span>
  );
}
