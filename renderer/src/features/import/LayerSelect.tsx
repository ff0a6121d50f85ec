import { useTranslation } from 'react-i18next';
import { LAYER_LABELS } from '../../../../shared/api/layers.js';
import type { ImportLayer } from '../../../../shared/api/import.js';
import { IMPORT_LAYERS } from './import-options.js';

export interface LayerSelectProps {
  value: ImportLayer;
  disabled?: boolean;
  onChange: (layer: ImportLayer) => void;
}

/** The target layer of an import (parcels by default). */
export function LayerSelect({ value, disabled, onChange }: LayerSelectProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (
    <label className="field-inline">
      <span className="field-label">{t('importer.layer')}</span>
      <select
        data-testid="import-layer-select"
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(IMPORT_LAYERS.find((l) => l === e.target.value) ?? 'parcels')}
      >
        {IMPORT_LAYERS.map((id) => (
          <option key={id} value={id}>
            {english ? LAYER_LABELS[id].en : LAYER_LABELS[id].zh}
          </option>
        ))}
      </select>
    </label>
  );
}
