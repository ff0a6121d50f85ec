import '../../styles/export.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerFilter } from '../../../../shared/api/layer-filter.js';
import { LAYER_LABELS, type LayerId } from '../../../../shared/api/layers.js';
import { ExportDialog } from './ExportDialog.js';

export interface ExportLayerButtonProps {
  layer: LayerId;
  featureCount: number;
  /** Parcels selected on the map. */
  selectedFids?: readonly number[];
  /** The layer panel's filter for this layer, if any. */
  filter?: LayerFilter | undefined;
}

const NONE: readonly number[] = [];

/** 导出 beside a layer in the layer panel: opens the export dialog for that layer. */
export function ExportLayerButton({ layer, featureCount, selectedFids = NONE, filter }: ExportLayerButtonProps) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const label = i18n.language === 'en' ? LAYER_LABELS[layer].en : LAYER_LABELS[layer].zh;
  return (
    <>
      <button
        type="button"
        className="layer-export-button"
        data-testid="layer-export"
        data-layer={layer}
        title={t('exporter.buttonTitle', { layer: label })}
        aria-label={t('exporter.buttonTitle', { layer: label })}
        disabled={featureCount === 0}
        onClick={() => setOpen(true)}
      >
        {t('exporter.button')}
      </button>
      {open && <ExportDialog layer={layer} featureCount={featureCount} selectedFids={selectedFids} filter={filter} onClose={() => setOpen(false)} />}
    </>
  );
}
