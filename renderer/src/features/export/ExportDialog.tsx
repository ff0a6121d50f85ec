import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_CRS, EXPORT_ENCODINGS, LAYER_EXPORT_FORMATS, type ExportFieldNames } from '../../../../shared/api/export.js';
import { LAYER_LABELS, type LayerId } from '../../../../shared/api/layers.js';
import { useApi } from '../../api/api-context.js';
import { ExportFilterFields } from './ExportFilterFields.js';
import { ExportResult } from './ExportResult.js';
import { useExportLayer, type ExportScope } from './use-export-layer.js';
import type { LayerFilter } from '../../../../shared/api/layer-filter.js';

export interface ExportDialogProps {
  layer: LayerId;
  featureCount: number;
  /** Parcels selected on the map (offered as the scope "selected parcels"). */
  selectedFids: readonly number[];
  /** The layer panel's filter, if any: the dialog starts with it. */
  filter?: LayerFilter | undefined;
  onClose: () => void;
}

const FIELD_NAMES: readonly ExportFieldNames[] = ['column', 'zh'];

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="export-row">
      <span className="export-label">{label}</span>
      <div className="export-control">{children}</div>
    </div>
  );
}

/** 导出图层 (modal): scope, format, encoding, CRS and field names; the file downloads, the report stays. */
export function ExportDialog({ layer, featureCount, selectedFids, filter, onClose }: ExportDialogProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const state = useExportLayer(api, layer, selectedFids, filter);
  const { choices, update } = state;
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.focus(), []);
  const label = i18n.language === 'en' ? LAYER_LABELS[layer].en : LAYER_LABELS[layer].zh;
  const geojson = choices.format === 'geojson';
  const scopes: ExportScope[] = ['all', ...(layer === 'parcels' && selectedFids.length > 0 ? (['selection'] as const) : []), ...(state.filterKeys.length > 0 ? (['filter'] as const) : [])];
  const scopeText = (s: ExportScope) => (s === 'all' ? t('exporter.scopeAll', { count: featureCount }) : s === 'selection' ? t('exporter.scopeSelection', { count: selectedFids.length }) : t('exporter.scopeFilter'));
  const nothing = choices.scope === 'filter' && state.filterCount === 0;

  return (
    <div className="modal-backdrop" data-testid="export-backdrop">
      <div
        ref={panel}
        className="modal export-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-dialog-title"
        tabIndex={-1}
        data-testid="export-dialog"
        data-layer={layer}
        data-busy={state.busy ? 'export' : ''}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !state.busy) {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <header className="modal-header">
          <h2 id="export-dialog-title" className="modal-title">
            {t('exporter.title', { layer: label })}
          </h2>
          <button type="button" className="modal-x" aria-label={t('exporter.close')} disabled={state.busy} onClick={onClose}>
            ×
          </button>
        </header>
        <div className="modal-body">
          <Row label={t('exporter.scope')}>
            {scopes.map((s) => (
              <label key={s} className="export-choice">
                <input type="radio" name="export-scope" data-testid={`export-scope-${s}`} checked={choices.scope === s} onChange={() => update({ scope: s })} />
                {scopeText(s)}
              </label>
            ))}
            {choices.scope === 'filter' && (
              <ExportFilterFields keys={state.filterKeys} options={state.options} filter={choices.filter} count={state.filterCount} onChange={state.setFilterValue} />
            )}
          </Row>
          <Row label={t('exporter.format')}>
            <select data-testid="export-format" value={choices.format} onChange={(e) => update({ format: e.target.value as typeof choices.format })}>
              {LAYER_EXPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {t(`exporter.formats.${f}`)}
                </option>
              ))}
            </select>
          </Row>
          <Row label={t('exporter.encoding')}>
            <select data-testid="export-encoding" value={geojson ? 'utf-8' : choices.encoding} disabled={geojson} onChange={(e) => update({ encoding: e.target.value as typeof choices.encoding })}>
              {EXPORT_ENCODINGS.map((enc) => (
                <option key={enc} value={enc}>
                  {t(`exporter.encodings.${enc}`)}
                </option>
              ))}
            </select>
          </Row>
          <Row label={t('exporter.crs')}>
            <select data-testid="export-crs" value={geojson ? 'EPSG:4490' : choices.crs} disabled={geojson} onChange={(e) => update({ crs: e.target.value as typeof choices.crs })}>
              {EXPORT_CRS.map((c) => (
                <option key={c} value={c}>
                  {/* i18next reads ':' as a namespace separator: keyed by the EPSG number */}
                  {t(`exporter.crsNames.${c.slice('EPSG:'.length) as '4490' | '4549'}`)}
                </option>
              ))}
            </select>
            {geojson && <p className="export-hint">{t('exporter.geojsonFixed')}</p>}
          </Row>
          <Row label={t('exporter.fieldNames')}>
            <select data-testid="export-field-names" value={choices.fieldNames} onChange={(e) => update({ fieldNames: e.target.value as ExportFieldNames })}>
              {FIELD_NAMES.map((n) => (
                <option key={n} value={n}>
                  {t(`exporter.fieldNameChoices.${n}`)}
                </option>
              ))}
            </select>
            {!geojson && <p className="export-hint">{t('exporter.fieldNamesHint')}</p>}
          </Row>
          {state.result && <ExportResult result={state.result} />}
          {state.error && (
            <p className="export-error" role="alert" data-testid="export-error" data-code={state.error.code}>
              {i18n.language === 'en' ? state.error.message : state.error.messageZh}
            </p>
          )}
        </div>
        <footer className="modal-footer">
          <span className="footer-hint" />
          <button type="button" className="btn" data-testid="export-close" disabled={state.busy} onClick={onClose}>
            {state.result ? t('exporter.close') : t('exporter.cancel')}
          </button>
          <button type="button" className="btn btn-primary" data-testid="export-submit" disabled={state.busy || nothing} onClick={state.run}>
            {state.busy ? t('exporter.exporting') : t('exporter.submit')}
          </button>
        </footer>
      </div>
    </div>
  );
}
