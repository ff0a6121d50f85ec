import { useTranslation } from 'react-i18next';
import { LAYER_LABELS } from '../../../../shared/api/layers.js';
import { IMPORT_LAYERS, LEDGER_LAYERS, type WizardLayer } from './import-options.js';

export interface LayerSelectProps {
  value: WizardLayer;
  /** What the chosen files are: only that kind's targets can be picked (null: no files yet, any). */
  kind?: 'map' | 'ledger' | null;
  disabled?: boolean;
  onChange: (layer: WizardLayer) => void;
}

const ALL: readonly WizardLayer[] = [...IMPORT_LAYERS, ...LEDGER_LAYERS];

/** The target of an import: a map layer (parcels by default) or a ledger (出让台账, 标准厂房台账). */
export function LayerSelect({ value, kind = null, disabled, onChange }: LayerSelectProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (
    <label className="field-inline">
      <span className="field-label">{t('importer.layer')}</span>
      <select
        data-testid="import-layer-select"
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(ALL.find((l) => l === e.target.value) ?? value)}
      >
        <optgroup label={t('importer.ledger.groupMap')}>
          {IMPORT_LAYERS.map((id) => (
            <option key={id} value={id} disabled={kind === 'ledger'}>
              {english ? LAYER_LABELS[id].en : LAYER_LABELS[id].zh}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('importer.ledger.groupLedger')}>
          {LEDGER_LAYERS.map((id) => (
            <option key={id} value={id} disabled={kind === 'map'}>
              {t(`importer.ledger.layers.${id}`)}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}
