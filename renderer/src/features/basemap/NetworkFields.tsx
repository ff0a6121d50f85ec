import { useTranslation } from 'react-i18next';
import { NETWORK_PRESETS, type NetworkPresetId } from './presets.js';
import type { NetworkForm } from './network-form.js';

export interface NetworkFieldsProps {
  form: NetworkForm;
  onChange: (form: NetworkForm) => void;
}

/** The network basemap's fields: a 天地图 preset needs only the key; custom XYZ and WMTS show their own. */
export function NetworkFields({ form, onChange }: NetworkFieldsProps) {
  const { t } = useTranslation();
  const set = <K extends keyof NetworkForm>(key: K, value: NetworkForm[K]) => onChange({ ...form, [key]: value });
  const text = (key: Exclude<keyof NetworkForm, 'preset'>, label: string, hint?: string, testId?: string) => (
    <label className="basemap-field">
      <span className="field-label">{label}</span>
      <input
        type="text"
        spellCheck={false}
        autoComplete="off"
        data-testid={testId ?? `basemap-${key}`}
        value={form[key]}
        title={hint}
        onChange={(e) => set(key, e.target.value)}
      />
    </label>
  );
  const tianditu = form.preset === 'tianditu-vec' || form.preset === 'tianditu-img';
  return (
    <div className="basemap-fields" data-testid="basemap-network-fields">
      <label className="basemap-field">
        <span className="field-label">{t('basemap.network.preset')}</span>
        <select data-testid="basemap-preset" value={form.preset} onChange={(e) => set('preset', e.target.value as NetworkPresetId)}>
          {NETWORK_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {t(`basemap.network.presets.${p.id}`)}
            </option>
          ))}
        </select>
      </label>
      {form.preset === 'custom-xyz' && (
        <>
          {text('url', t('basemap.network.url'), t('basemap.network.urlHint'))}
          <p className="basemap-hint muted">{t('basemap.network.urlHint')}</p>
          {text('overlayUrl', t('basemap.network.overlayUrl'))}
          {text('subdomains', t('basemap.network.subdomains'))}
        </>
      )}
      {form.preset === 'custom-wmts' && (
        <>
          {text('wmtsUrl', t('basemap.network.wmtsUrl'))}
          {text('layer', t('basemap.network.layer'))}
          {text('tileMatrixSet', t('basemap.network.tileMatrixSet'))}
          {text('format', t('basemap.network.format'))}
          {text('style', t('basemap.network.style'))}
          {text('tileMatrixPrefix', t('basemap.network.tileMatrixPrefix'))}
          {text('subdomains', t('basemap.network.subdomains'))}
        </>
      )}
      {text('key', t('basemap.network.key'), tianditu ? t('basemap.network.keyHint') : undefined)}
      {tianditu && <p className="basemap-hint muted">{t('basemap.network.keyHint')}</p>}
      <p className="basemap-hint muted">{t('basemap.network.webMercatorOnly')}</p>
    </div>
  );
}
